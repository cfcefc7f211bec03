/**
 * Tables of account security, as Kysely sees them. Times are epoch milliseconds.
 * @module
 */
import type { Generated } from 'kysely';

/** The `security_events` table; `details` is a JSON object. */
export interface SecurityEventTable {
  id: Generated<number>;
  account_id: string | null;
  type: string;
  occurred_at: number;
  actor: string;
  session_id: string | null;
  by_session_id: string | null;
  client_label: string | null;
  ip: string | null;
  city: string | null;
  region: string | null;
  country_code: string | null;
  details: string;
}

/** The `password_resets` table: one row per emailed link, found by the link's hash. */
export interface PasswordResetTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

/** The `account_devices` table: each device an account has signed in from. */
export interface AccountDeviceTable {
  account_id: string;
  device_id: string;
  first_seen_at: number;
  first_session_id: string | null;
}

/** The `device_alerts` table: one row per new-device email and its two links. */
export interface DeviceAlertTable {
  id: string;
  account_id: string;
  device_id: string;
  session_id: string;
  confirm_token_hash: string;
  deny_token_hash: string;
  created_at: number;
  expires_at: number;
  confirmed_at: number | null;
  denied_at: number | null;
}

/** The tables this part of the service owns. */
export interface AccountSecurityDatabase {
  security_events: SecurityEventTable;
  password_resets: PasswordResetTable;
  account_devices: AccountDeviceTable;
  device_alerts: DeviceAlertTable;
}
