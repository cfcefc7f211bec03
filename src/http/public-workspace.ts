/**
 * The shapes workspaces, members and share links take in API answers. A share link's
 * secret appears only in the answer that created it.
 * @module
 */
import type {
  CreatedShareLink,
  MemberListing,
  Membership,
  ShareLink,
  WorkspaceRole,
} from '../workspaces/workspace.js';

/** A workspace in a list. Times are ISO 8601 UTC. */
export interface PublicWorkspaceSummary {
  id: string;
  name: string;
  plan: string;
  role: WorkspaceRole;
  createdAt: string;
}

/** One workspace, as its members see it. */
export interface PublicWorkspace extends PublicWorkspaceSummary {
  seatLimit: number;
  deviceLimit: number | null;
  content: string;
}

/** A member of a workspace. */
export interface PublicMember {
  accountId: string;
  email: string;
  name: string | null;
  role: WorkspaceRole;
  joinedAt: string;
}

/** A share link, without its secret. */
export interface PublicShareLink {
  id: string;
  canvasId: string;
  createdBy: string;
  createdAt: string;
}

/** Shapes a membership for a list. */
export function toPublicWorkspaceSummary({ workspace, role }: Membership): PublicWorkspaceSummary {
  return {
    id: workspace.id,
    name: workspace.name,
    plan: workspace.plan,
    role,
    createdAt: isoTime(workspace.createdAt),
  };
}

/** Shapes a membership with the workspace's settings and content. */
export function toPublicWorkspace(membership: Membership): PublicWorkspace {
  const { workspace } = membership;
  return {
    ...toPublicWorkspaceSummary(membership),
    seatLimit: workspace.seatLimit,
    deviceLimit: workspace.deviceLimit,
    content: workspace.content,
  };
}

/** Shapes a member. */
export function toPublicMember(member: MemberListing): PublicMember {
  return {
    accountId: member.accountId,
    email: member.email,
    name: member.name,
    role: member.role,
    joinedAt: isoTime(member.joinedAt),
  };
}

/** Shapes a share link; never its secret. */
export function toPublicShareLink(link: ShareLink): PublicShareLink {
  return {
    id: link.id,
    canvasId: link.canvasId,
    createdBy: link.createdBy,
    createdAt: isoTime(link.createdAt),
  };
}

/** Shapes a share link just created, with its secret, for the one answer that carries it. */
export function toCreatedShareLink(created: CreatedShareLink): PublicShareLink & { token: string } {
  return { ...toPublicShareLink(created.link), token: created.token };
}

function isoTime(millis: number): string {
  return new Date(millis).toISOString();
}
