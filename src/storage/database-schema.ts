/**
 * Table shapes as Kysely sees them. Times are integers: milliseconds since the Unix epoch.
 * @module
 */

/** The `accounts` table. */
export interface AccountTable {
  id: string;
  email: string;
  email_key: string;
  name: string | null;
  /** One of `PLANS`; `free` unless set. */
  plan: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  deleted_at: number | null;
  session_generation: number;
}

/** The `sessions` table. A row stays after the session ends, as a record of why. */
export interface SessionTable {
  id: string;
  account_id: string;
  token_hash: string;
  client_kind: string;
  platform: string | null;
  app_version: string | null;
  browser: string | null;
  os: string | null;
  device_type: string | null;
  label: string;
  user_agent: string | null;
  /** An app install's or a browser's device id; null when unknown. */
  device_id: string | null;
  /** The sign-in address. */
  ip: string | null;
  last_ip: string | null;
  sign_in_city: string | null;
  sign_in_region: string | null;
  /** ISO 3166-1 alpha-2; country names are derived from it, never stored. */
  sign_in_country_code: string | null;
  last_city: string | null;
  last_region: string | null;
  last_country_code: string | null;
  network_kind: string | null;
  network_org: string | null;
  /** When `ip` and `last_ip` were cut to their networks; null while they are whole. */
  ip_truncated_at: number | null;
  sign_in_method: string;
  created_at: number;
  /** Null only on rows older than the column, which read as `created_at`. */
  authenticated_at: number | null;
  account_generation: number;
  last_active_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  revoked_by_session_id: string | null;
  revoked_by_label: string | null;
}

/** Every table the service owns. */
export interface Database {
  accounts: AccountTable;
  sessions: SessionTable;
}
