/**
 * Conversions between workspace rows and domain types; nothing else knows their columns.
 * @module
 */
import type { Selectable } from 'kysely';
import type { Plan } from '../workspaces/plan.js';
import type {
  MemberListing,
  ShareLink,
  Workspace,
  WorkspaceMember,
  WorkspaceRole,
} from '../workspaces/workspace.js';
import type { ShareLinkTable, WorkspaceMemberTable, WorkspaceTable } from './workspace-schema.js';

/** A member row joined with the account's email and name. */
export type MemberListingRow = Selectable<WorkspaceMemberTable> & {
  email: string;
  name: string | null;
};

/** A stored workspace row as a domain workspace. */
export function toWorkspace(row: Selectable<WorkspaceTable>): Workspace {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as Plan,
    seatLimit: Number(row.seat_limit),
    deviceLimit: toNumberOrNull(row.device_limit),
    content: row.content,
    createdAt: Number(row.created_at),
  };
}

/** A domain workspace as a row to insert. */
export function fromWorkspace(workspace: Workspace): WorkspaceTable {
  return {
    id: workspace.id,
    name: workspace.name,
    plan: workspace.plan,
    seat_limit: workspace.seatLimit,
    device_limit: workspace.deviceLimit,
    content: workspace.content,
    created_at: workspace.createdAt,
  };
}

/** A joined member row as a member listing. */
export function toMemberListing(row: MemberListingRow): MemberListing {
  return {
    workspaceId: row.workspace_id,
    accountId: row.account_id,
    role: row.role as WorkspaceRole,
    joinedAt: Number(row.joined_at),
    email: row.email,
    name: row.name,
  };
}

/** A domain member as a row to insert. */
export function fromMember(member: WorkspaceMember): WorkspaceMemberTable {
  return {
    workspace_id: member.workspaceId,
    account_id: member.accountId,
    role: member.role,
    joined_at: member.joinedAt,
  };
}

/** A stored share link row as a domain share link; the hash stays behind. */
export function toShareLink(row: Selectable<ShareLinkTable>): ShareLink {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    canvasId: row.canvas_id,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    revokedAt: toNumberOrNull(row.revoked_at),
  };
}

/** A domain share link and the hash of its secret as a row to insert. */
export function fromShareLink(link: ShareLink, tokenHash: string): ShareLinkTable {
  return {
    id: link.id,
    workspace_id: link.workspaceId,
    canvas_id: link.canvasId,
    token_hash: tokenHash,
    created_by: link.createdBy,
    created_at: link.createdAt,
    revoked_at: link.revokedAt,
  };
}

// Integers may arrive as strings from some drivers; the domain only ever sees numbers.
function toNumberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
