/**
 * Workspaces, their members, seats and share links. This service takes an account id and
 * never a session: signing in, signing out or ending sessions cannot reach anything here.
 * @module
 */
import type { Account } from '../accounts/account.js';
import type { Clock } from '../domain/clock.js';
import { emailKey } from '../domain/email-address.js';
import { AlloError } from '../domain/errors.js';
import { generateId, generateSecretToken, hashSecretToken } from '../domain/secret-token.js';
import { DEFAULT_PLAN, PLAN_SEAT_LIMITS, type Plan } from './plan.js';
import {
  SEATED_ROLES,
  isSeatedRole,
  type CreatedShareLink,
  type MemberListing,
  type Membership,
  type SeatView,
  type ShareLink,
  type Workspace,
  type WorkspaceChanges,
  type WorkspaceMember,
  type WorkspaceRole,
} from './workspace.js';
import {
  alreadyMember,
  forbidden,
  lastOwner,
  memberNotFound,
  seatLimitReached,
  seatsExceedPlan,
  shareLinkNotFound,
  workspaceNotFound,
} from './workspace-errors.js';
import { canAssignRole, canManageWorkspace, canRemoveMember } from './workspace-roles.js';
import type { WorkspaceStore } from './workspace-store.js';

/** Finds the account a new member is added by; the session store already answers this. */
export interface AccountDirectory {
  findAccountByEmailKey(emailKey: string): Promise<Account | null>;
}

/** What it takes to create a workspace. */
export interface NewWorkspace {
  name: string;
  plan?: Plan | undefined;
}

/** Who to add to a workspace, and as what. */
export interface NewMember {
  email: string;
  role: WorkspaceRole;
}

/** A workspace and the caller's membership of it, as every check starts from. */
interface Access {
  workspace: Workspace;
  actor: MemberListing;
}

/**
 * Workspace rules. Every method takes the acting account's id first; a caller who is not a
 * member gets `workspace_not_found` from every method, exactly as for a missing workspace.
 *
 * NOTE: seat and last-owner checks read, then write. Two admins acting at the same instant
 * can get past a check together; the model accepts that, as billing reconciles seats.
 */
export class WorkspaceService {
  readonly #store: WorkspaceStore;
  readonly #accounts: AccountDirectory;
  readonly #clock: Clock;

  constructor(deps: { store: WorkspaceStore; accounts: AccountDirectory; clock: Clock }) {
    this.#store = deps.store;
    this.#accounts = deps.accounts;
    this.#clock = deps.clock;
  }

  /** Creates a workspace on the plan given (Free by default); its creator becomes the owner. */
  async createWorkspace(accountId: string, input: NewWorkspace): Promise<Membership> {
    const plan = input.plan ?? DEFAULT_PLAN;
    const nowMillis = this.#clock.now();
    const workspace: Workspace = {
      id: generateId('wsp'),
      name: cleanName(input.name),
      plan,
      seatLimit: PLAN_SEAT_LIMITS[plan],
      deviceLimit: null,
      content: '',
      createdAt: nowMillis,
    };
    const owner: WorkspaceMember = {
      workspaceId: workspace.id,
      accountId,
      role: 'owner',
      joinedAt: nowMillis,
    };

    await this.#store.insertWorkspace(workspace, owner);
    return { workspace, role: 'owner' };
  }

  /** The workspaces the account belongs to, with its role in each. */
  listWorkspaces(accountId: string): Promise<Membership[]> {
    return this.#store.listMemberships(accountId);
  }

  /** One workspace, for its members only. */
  async getWorkspace(accountId: string, workspaceId: string): Promise<Membership> {
    const { workspace, actor } = await this.#access(accountId, workspaceId);
    return { workspace, role: actor.role };
  }

  /**
   * Changes the name, plan, device-limit policy or content (owners and admins). A new plan
   * brings its own seat limit, so a plan with fewer seats than members hold is refused.
   */
  async updateWorkspace(
    accountId: string,
    workspaceId: string,
    changes: WorkspaceChanges,
  ): Promise<Membership> {
    const { actor } = await this.#manage(accountId, workspaceId);
    const update: WorkspaceChanges & { seatLimit?: number } = { ...changes };
    if (changes.name !== undefined) update.name = cleanName(changes.name);

    if (changes.plan !== undefined) {
      update.seatLimit = PLAN_SEAT_LIMITS[changes.plan];
      const seatCount = await this.#seatCount(workspaceId);
      if (seatCount > update.seatLimit) throw seatsExceedPlan(update.seatLimit, seatCount);
    }

    const workspace = await this.#store.updateWorkspace(workspaceId, update);
    if (workspace === null) throw workspaceNotFound();
    return { workspace, role: actor.role };
  }

  /** The members with their roles, for any member to see. */
  async listMembers(accountId: string, workspaceId: string): Promise<MemberListing[]> {
    await this.#access(accountId, workspaceId);
    return this.#store.listMembers(workspaceId);
  }

  /** Adds an existing account by email. Anyone but a guest takes a seat, if one is free. */
  async addMember(
    accountId: string,
    workspaceId: string,
    input: NewMember,
  ): Promise<MemberListing> {
    const { workspace, actor } = await this.#manage(accountId, workspaceId);
    if (!canAssignRole(actor.role, null, input.role)) throw onlyOwners();

    const account = await this.#accounts.findAccountByEmailKey(emailKey(input.email));
    if (account === null || account.disabledAt !== null) {
      throw memberNotFound('No active ALLO account uses that email.');
    }
    if (isSeatedRole(input.role)) await this.#assertSeatFree(workspace);

    const member: WorkspaceMember = {
      workspaceId,
      accountId: account.id,
      role: input.role,
      joinedAt: this.#clock.now(),
    };
    if ((await this.#store.insertMember(member)) === 'already_member') throw alreadyMember();
    return { ...member, email: account.email, name: account.name };
  }

  /**
   * Gives a member another role. Owners and admins manage members and guests; only owners
   * grant or take away owner and admin, and the last owner stays an owner.
   */
  async changeRole(
    accountId: string,
    workspaceId: string,
    memberId: string,
    role: WorkspaceRole,
  ): Promise<MemberListing> {
    const { workspace, actor } = await this.#manage(accountId, workspaceId);
    const target = await this.#member(workspaceId, memberId);
    if (!canAssignRole(actor.role, target.role, role)) throw onlyOwners();
    if (target.role === role) return target;

    if (target.role === 'owner') await this.#assertAnotherOwner(workspaceId);
    if (!isSeatedRole(target.role) && isSeatedRole(role)) await this.#assertSeatFree(workspace);

    await this.#store.updateMemberRole(workspaceId, memberId, role);
    return { ...target, role };
  }

  /** Removes a member (owners and admins, following the role rules), or lets one leave. */
  async removeMember(accountId: string, workspaceId: string, memberId: string): Promise<void> {
    const { actor } = await this.#access(accountId, workspaceId);
    // A member who cannot manage learns nothing about who else is or is not a member.
    if (memberId !== accountId && !canManageWorkspace(actor.role)) throw notAManager();

    const target = await this.#member(workspaceId, memberId);
    if (!canRemoveMember(actor, target)) throw onlyOwners();
    if (target.role === 'owner') await this.#assertAnotherOwner(workspaceId);

    if (!(await this.#store.deleteMember(workspaceId, memberId))) throw memberNotFound();
  }

  /** Seats: the plan's limit and how many members hold one. Sessions play no part. */
  async seatView(accountId: string, workspaceId: string): Promise<SeatView> {
    const { workspace } = await this.#access(accountId, workspaceId);
    return { seatLimit: workspace.seatLimit, seatCount: await this.#seatCount(workspaceId) };
  }

  /** Creates a share link to one canvas; its secret is in the answer and nowhere else. */
  async createShareLink(
    accountId: string,
    workspaceId: string,
    canvasId: string,
  ): Promise<CreatedShareLink> {
    await this.#manage(accountId, workspaceId);
    const token = generateSecretToken();
    const link: ShareLink = {
      id: generateId('shl'),
      workspaceId,
      canvasId,
      createdBy: accountId,
      createdAt: this.#clock.now(),
      revokedAt: null,
    };

    await this.#store.insertShareLink(link, hashSecretToken(token));
    return { link, token };
  }

  /** The workspace's share links that still work (owners and admins). */
  async listShareLinks(accountId: string, workspaceId: string): Promise<ShareLink[]> {
    await this.#manage(accountId, workspaceId);
    return this.#store.listShareLinks(workspaceId);
  }

  /** Revokes a share link (owners and admins); whoever holds it can no longer open the canvas. */
  async revokeShareLink(
    accountId: string,
    workspaceId: string,
    linkId: string,
  ): Promise<ShareLink> {
    await this.#manage(accountId, workspaceId);
    const revoked = await this.#store.revokeShareLink(workspaceId, linkId, this.#clock.now());
    if (revoked === null) throw shareLinkNotFound();
    return revoked;
  }

  async #access(accountId: string, workspaceId: string): Promise<Access> {
    const [workspace, actor] = await Promise.all([
      this.#store.findWorkspace(workspaceId),
      this.#store.findMember(workspaceId, accountId),
    ]);
    if (workspace === null || actor === null) throw workspaceNotFound();
    return { workspace, actor };
  }

  async #manage(accountId: string, workspaceId: string): Promise<Access> {
    const access = await this.#access(accountId, workspaceId);
    if (!canManageWorkspace(access.actor.role)) throw notAManager();
    return access;
  }

  async #member(workspaceId: string, memberId: string): Promise<MemberListing> {
    const member = await this.#store.findMember(workspaceId, memberId);
    if (member === null) throw memberNotFound();
    return member;
  }

  #seatCount(workspaceId: string): Promise<number> {
    return this.#store.countMembers(workspaceId, SEATED_ROLES);
  }

  async #assertSeatFree(workspace: Workspace): Promise<void> {
    const seatCount = await this.#seatCount(workspace.id);
    if (seatCount >= workspace.seatLimit) throw seatLimitReached(workspace.seatLimit, seatCount);
  }

  async #assertAnotherOwner(workspaceId: string): Promise<void> {
    const owners = await this.#store.countMembers(workspaceId, ['owner']);
    if (owners <= 1) throw lastOwner();
  }
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new AlloError('invalid_request', 'Give the workspace a name.');
  return trimmed;
}

function notAManager(): AlloError {
  return forbidden('Only owners and admins of this workspace can do that.');
}

function onlyOwners(): AlloError {
  return forbidden('Only owners can grant, change or remove the owner and admin roles.');
}
