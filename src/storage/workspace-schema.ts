/**
 * The workspace tables as Kysely sees them, kept beside the session tables rather than
 * among them. Times are integers: milliseconds since the Unix epoch.
 * @module
 */

/** The `workspaces` table. */
export interface WorkspaceTable {
  id: string;
  name: string;
  plan: string;
  seat_limit: number;
  device_limit: number | null;
  content: string;
  created_at: number;
}

/** The `workspace_members` table; one row per account and workspace. */
export interface WorkspaceMemberTable {
  workspace_id: string;
  account_id: string;
  role: string;
  joined_at: number;
}

/** The `share_links` table. A revoked link keeps its row, with the time it was revoked. */
export interface ShareLinkTable {
  id: string;
  workspace_id: string;
  canvas_id: string;
  token_hash: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

/** The tables the workspace store owns (a type alias, as Kysely's `withTables` asks). */
export type WorkspaceTables = {
  workspaces: WorkspaceTable;
  workspace_members: WorkspaceMemberTable;
  share_links: ShareLinkTable;
};
