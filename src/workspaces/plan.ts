/**
 * Plans a workspace can be on, and the seats each includes.
 * @module
 */

/** Every plan, cheapest first. */
export const PLANS = ['free', 'pro', 'team', 'enterprise'] as const;

/** A workspace's plan. */
export type Plan = (typeof PLANS)[number];

/** Seats each plan includes: how many members may hold a seat at once. */
export const PLAN_SEAT_LIMITS: Readonly<Record<Plan, number>> = Object.freeze({
  free: 3,
  pro: 10,
  team: 50,
  enterprise: 500,
});

/** The plan a new workspace starts on. */
export const DEFAULT_PLAN: Plan = 'free';
