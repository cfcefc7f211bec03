/**
 * The workspace domain types: workspaces, their members and their canvas share links.
 * Nothing here refers to sessions or devices; a workspace outlives every sign-out.
 * @module
 */
import type { Plan } from './plan.js';

/** Every role, most powerful first. */
export const WORKSPACE_ROLES = ['owner', 'admin', 'member', 'guest'] as const;

/** What a member may do in a workspace. */
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** The roles that take a seat. Guests are invited to look and comment, and are not billed. */
export const SEATED_ROLES: readonly WorkspaceRole[] = Object.freeze(['owner', 'admin', 'member']);

/** A workspace. Times are milliseconds since the Unix epoch. */
export interface Workspace {
  id: string;
  name: string;
  plan: Plan;
  /** How many members may hold a seat; set by the plan. */
  seatLimit: number;
  /** The organisation's policy: at most this many signed-in devices per member, or none. */
  deviceLimit: number | null;
  /** The workspace's canvas content, kept as one opaque text. */
  content: string;
  createdAt: number;
}

/** What an admin may change on a workspace; absent fields stay as they are. */
export interface WorkspaceChanges {
  name?: string | undefined;
  plan?: Plan | undefined;
  deviceLimit?: number | null | undefined;
  content?: string | undefined;
}

/** One account's place in a workspace. */
export interface WorkspaceMember {
  workspaceId: string;
  accountId: string;
  role: WorkspaceRole;
  joinedAt: number;
}

/** A member together with the account details shown beside them. */
export interface MemberListing extends WorkspaceMember {
  email: string;
  name: string | null;
}

/** A workspace as one of its members sees it: the workspace and their own role. */
export interface Membership {
  workspace: Workspace;
  role: WorkspaceRole;
}

/** How many seats a workspace has and how many its members take. */
export interface SeatView {
  seatLimit: number;
  seatCount: number;
}

/** A link that opens one canvas to whoever holds it, until it is revoked. */
export interface ShareLink {
  id: string;
  workspaceId: string;
  canvasId: string;
  createdBy: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A new share link and its secret, which is shown this once and never stored. */
export interface CreatedShareLink {
  link: ShareLink;
  token: string;
}

/** A workspace's device-limit policy as it applies to one of its members. */
export interface MemberPolicy {
  workspaceId: string;
  workspaceName: string;
  deviceLimit: number;
}

/** Whether a role takes one of the workspace's seats. */
export function isSeatedRole(role: WorkspaceRole): boolean {
  return SEATED_ROLES.includes(role);
}
