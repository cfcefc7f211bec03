/**
 * Tables of app credentials, as Kysely sees them. Times are epoch milliseconds.
 * @module
 */

/** The `app_credentials` table. */
export interface AppCredentialTable {
  token_hash: string;
  session_id: string;
  kind: string;
  client_id: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  successor_hash: string | null;
  successor_salt: string | null;
}

/** The `authorization_codes` table. */
export interface AuthorizationCodeTable {
  code_hash: string;
  account_id: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  session_id: string | null;
  /** When the code was presented again after its first use. */
  replayed_at: number | null;
}

/** The `app_version_floors` table: when each minimum app version was first enforced. */
export interface AppVersionFloorTable {
  platform: string;
  min_version: string;
  first_enforced_at: number;
}

/** The tables this part of the service owns. */
export interface AppCredentialDatabase {
  app_credentials: AppCredentialTable;
  authorization_codes: AuthorizationCodeTable;
  app_version_floors: AppVersionFloorTable;
}
