/**
 * The workspace storage port over Kysely: the same queries serve SQLite and PostgreSQL.
 * @module
 */
import type { Kysely } from 'kysely';
import type {
  MemberListing,
  MemberPolicy,
  Membership,
  ShareLink,
  Workspace,
  WorkspaceChanges,
  WorkspaceMember,
  WorkspaceRole,
} from '../workspaces/workspace.js';
import type { WorkspaceStore } from '../workspaces/workspace-store.js';
import type { Database } from './database-schema.js';
import {
  fromMember,
  fromShareLink,
  fromWorkspace,
  toMemberListing,
  toShareLink,
  toWorkspace,
} from './workspace-row-mapping.js';
import type { WorkspaceTables } from './workspace-schema.js';

/** The session tables and the workspace tables: one database, typed in two files. */
export type WorkspaceDatabase = Database & WorkspaceTables;

/**
 * A {@link WorkspaceStore} on the session store's database connection. It does not own the
 * connection, so it has no `close`; closing the session store closes both.
 */
export class KyselyWorkspaceStore implements WorkspaceStore {
  readonly #db: Kysely<WorkspaceDatabase>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<WorkspaceTables>();
  }

  async insertWorkspace(workspace: Workspace, owner: WorkspaceMember): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.insertInto('workspaces').values(fromWorkspace(workspace)).execute();
      await trx.insertInto('workspace_members').values(fromMember(owner)).execute();
    });
  }

  async findWorkspace(workspaceId: string): Promise<Workspace | null> {
    const row = await this.#db
      .selectFrom('workspaces')
      .selectAll()
      .where('id', '=', workspaceId)
      .executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async updateWorkspace(
    workspaceId: string,
    changes: WorkspaceChanges & { seatLimit?: number },
  ): Promise<Workspace | null> {
    const values = definedOnly({
      name: changes.name,
      plan: changes.plan,
      seat_limit: changes.seatLimit,
      device_limit: changes.deviceLimit,
      content: changes.content,
    });
    if (Object.keys(values).length === 0) return this.findWorkspace(workspaceId);

    const row = await this.#db
      .updateTable('workspaces')
      .set(values)
      .where('id', '=', workspaceId)
      .returningAll()
      .executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async listMemberships(accountId: string): Promise<Membership[]> {
    const rows = await this.#db
      .selectFrom('workspace_members')
      .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
      .selectAll('workspaces')
      .select('workspace_members.role')
      .where('workspace_members.account_id', '=', accountId)
      .orderBy('workspace_members.joined_at')
      .orderBy('workspaces.id')
      .execute();
    return rows.map((row) => ({ workspace: toWorkspace(row), role: row.role as WorkspaceRole }));
  }

  async findMember(workspaceId: string, accountId: string): Promise<MemberListing | null> {
    const row = await this.#memberListings(workspaceId)
      .where('workspace_members.account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toMemberListing(row) : null;
  }

  async listMembers(workspaceId: string): Promise<MemberListing[]> {
    const rows = await this.#memberListings(workspaceId)
      .orderBy('workspace_members.joined_at')
      .orderBy('accounts.email_key')
      .execute();
    return rows.map(toMemberListing);
  }

  async countMembers(workspaceId: string, roles: readonly WorkspaceRole[]): Promise<number> {
    if (roles.length === 0) return 0;
    const row = await this.#db
      .selectFrom('workspace_members')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('role', 'in', roles)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async insertMember(member: WorkspaceMember): Promise<'ok' | 'already_member'> {
    // ON CONFLICT DO NOTHING reads the same on both databases and needs no error sniffing.
    const rows = await this.#db
      .insertInto('workspace_members')
      .values(fromMember(member))
      .onConflict((oc) => oc.columns(['workspace_id', 'account_id']).doNothing())
      .returning('account_id')
      .execute();
    return rows.length > 0 ? 'ok' : 'already_member';
  }

  async updateMemberRole(
    workspaceId: string,
    accountId: string,
    role: WorkspaceRole,
  ): Promise<boolean> {
    const rows = await this.#db
      .updateTable('workspace_members')
      .set({ role })
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .returning('account_id')
      .execute();
    return rows.length > 0;
  }

  async deleteMember(workspaceId: string, accountId: string): Promise<boolean> {
    const rows = await this.#db
      .deleteFrom('workspace_members')
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .returning('account_id')
      .execute();
    return rows.length > 0;
  }

  async insertShareLink(link: ShareLink, tokenHash: string): Promise<void> {
    await this.#db.insertInto('share_links').values(fromShareLink(link, tokenHash)).execute();
  }

  async listShareLinks(workspaceId: string): Promise<ShareLink[]> {
    const rows = await this.#db
      .selectFrom('share_links')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toShareLink);
  }

  async revokeShareLink(
    workspaceId: string,
    linkId: string,
    atMillis: number,
  ): Promise<ShareLink | null> {
    const row = await this.#db
      .updateTable('share_links')
      .set({ revoked_at: atMillis })
      .where('id', '=', linkId)
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? toShareLink(row) : null;
  }

  async listMemberPolicies(accountId: string): Promise<MemberPolicy[]> {
    const rows = await this.#db
      .selectFrom('workspace_members')
      .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
      .select(['workspaces.id', 'workspaces.name', 'workspaces.device_limit'])
      .where('workspace_members.account_id', '=', accountId)
      .where('workspaces.device_limit', 'is not', null)
      .orderBy('workspaces.id')
      .execute();
    return rows.map((row) => ({
      workspaceId: row.id,
      workspaceName: row.name,
      deviceLimit: Number(row.device_limit),
    }));
  }

  #memberListings(workspaceId: string) {
    return this.#db
      .selectFrom('workspace_members')
      .innerJoin('accounts', 'accounts.id', 'workspace_members.account_id')
      .selectAll('workspace_members')
      .select(['accounts.email', 'accounts.name'])
      .where('workspace_members.workspace_id', '=', workspaceId);
  }
}

// An UPDATE with nothing to set is not valid SQL, so absent changes are dropped first.
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as Partial<T>;
}
