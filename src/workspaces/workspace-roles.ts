/**
 * Who may do what in a workspace. Pure rules over roles; the service applies them.
 * @module
 */
import type { WorkspaceMember, WorkspaceRole } from './workspace.js';

/** Roles that run a workspace: its settings, members and share links. */
const MANAGING_ROLES: readonly WorkspaceRole[] = Object.freeze(['owner', 'admin']);

/** Whether the role may change the workspace, its members and its share links. */
export function canManageWorkspace(role: WorkspaceRole): boolean {
  return MANAGING_ROLES.includes(role);
}

/**
 * Whether an actor may move a member from one role to another (`from` is null for a new
 * member). Admins manage members and guests; only an owner grants or takes away owner or
 * admin, so an admin can never raise anyone, themselves included, to their own level.
 */
export function canAssignRole(
  actorRole: WorkspaceRole,
  from: WorkspaceRole | null,
  to: WorkspaceRole,
): boolean {
  if (!canManageWorkspace(actorRole)) return false;

  const touchesManagers =
    MANAGING_ROLES.includes(to) || (from !== null && MANAGING_ROLES.includes(from));
  return !touchesManagers || actorRole === 'owner';
}

/** Whether an actor may remove a member: anyone may leave; others follow the role rules. */
export function canRemoveMember(actor: WorkspaceMember, target: WorkspaceMember): boolean {
  if (actor.accountId === target.accountId) return true;
  if (!canManageWorkspace(actor.role)) return false;
  return !MANAGING_ROLES.includes(target.role) || actor.role === 'owner';
}
