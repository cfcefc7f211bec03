/**
 * The workspace storage port. It shares the database with the session store but not a
 * single table or query: nothing here reads or writes a session.
 * @module
 */
import type {
  MemberListing,
  MemberPolicy,
  Membership,
  ShareLink,
  Workspace,
  WorkspaceChanges,
  WorkspaceMember,
  WorkspaceRole,
} from './workspace.js';

/** Persistent state of workspaces, their members and their share links. */
export interface WorkspaceStore {
  /** Adds a workspace and its first member in one transaction. */
  insertWorkspace(workspace: Workspace, owner: WorkspaceMember): Promise<void>;
  findWorkspace(workspaceId: string): Promise<Workspace | null>;
  /** Applies the changes that are present; null when there is no such workspace. */
  updateWorkspace(
    workspaceId: string,
    changes: WorkspaceChanges & { seatLimit?: number },
  ): Promise<Workspace | null>;
  /** Every workspace the account belongs to, with its role there, oldest first. */
  listMemberships(accountId: string): Promise<Membership[]>;

  /** A member with their email and name; null when the account is not a member. */
  findMember(workspaceId: string, accountId: string): Promise<MemberListing | null>;
  /** Members with their email and name, in the order they joined. */
  listMembers(workspaceId: string): Promise<MemberListing[]>;
  /** How many members hold one of the roles. */
  countMembers(workspaceId: string, roles: readonly WorkspaceRole[]): Promise<number>;
  /** Adds a member; `already_member` (and no change) when the account already is one. */
  insertMember(member: WorkspaceMember): Promise<'ok' | 'already_member'>;
  /** Sets a member's role; false when the account is not a member. */
  updateMemberRole(workspaceId: string, accountId: string, role: WorkspaceRole): Promise<boolean>;
  /** Removes a member; false when the account is not a member. */
  deleteMember(workspaceId: string, accountId: string): Promise<boolean>;

  /** Keeps a share link with the hash of its secret; the secret itself is never stored. */
  insertShareLink(link: ShareLink, tokenHash: string): Promise<void>;
  /** The workspace's links that are not revoked, oldest first. */
  listShareLinks(workspaceId: string): Promise<ShareLink[]>;
  /** Revokes a live link of the workspace; null when there is no such live link. */
  revokeShareLink(workspaceId: string, linkId: string, atMillis: number): Promise<ShareLink | null>;

  /** The device-limit policies of the workspaces the account belongs to that set one. */
  listMemberPolicies(accountId: string): Promise<MemberPolicy[]>;
}
