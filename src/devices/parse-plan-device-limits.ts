/**
 * Reads the per-plan device limits from configuration: `free=3,pro=5,team=10,enterprise=20`.
 * @module
 */
import { PLANS, type Plan } from '../workspaces/plan.js';

/** The largest device limit a plan may set. */
export const MAX_PLAN_DEVICE_LIMIT = 10_000;

/**
 * Parses `<plan>=<devices>` pairs separated by commas; plans left out keep their default.
 * @param name - The setting's name, for error messages.
 * @throws RangeError naming the setting and the entry when a pair is malformed.
 */
export function parsePlanDeviceLimits(
  spec: string | undefined,
  name: string,
  defaults: Readonly<Record<Plan, number>>,
): Readonly<Record<Plan, number>> {
  const limits: Record<Plan, number> = { ...defaults };
  for (const entry of (spec ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [plan, devices] = parseEntry(entry, name);
    limits[plan] = devices;
  }
  return Object.freeze(limits);
}

function parseEntry(entry: string, name: string): [Plan, number] {
  const match = /^\s*([a-z]+)\s*=\s*(\d{1,6})\s*$/.exec(entry);
  const plan = match?.[1] as Plan | undefined;
  const devices = Number(match?.[2]);

  const isPlan = plan !== undefined && PLANS.includes(plan);
  if (!isPlan || !(devices >= 1 && devices <= MAX_PLAN_DEVICE_LIMIT)) {
    const plans = PLANS.join('|');
    const message = `${name}: "${entry.trim()}" is not <${plans}>=<1 to ${MAX_PLAN_DEVICE_LIMIT}>`;
    throw new RangeError(message);
  }
  return [plan, devices];
}
