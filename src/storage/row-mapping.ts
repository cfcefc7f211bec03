/**
 * Conversions between table rows and domain types; nothing else knows column names.
 * @module
 */
import type { Selectable } from 'kysely';
import type { Account } from '../accounts/account.js';
import type { ClientKind, DeviceType } from '../clients/client-description.js';
import type { RevocationReason, Session, SignInMethod } from '../sessions/session.js';
import type { AccountTable, SessionTable } from './database-schema.js';

/** A stored account row as a domain account. */
export function toAccount(row: Selectable<AccountTable>): Account {
  return {
    id: row.id,
    email: row.email,
    emailKey: row.email_key,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
    disabledAt: toMillis(row.disabled_at),
  };
}

/** A domain account as a row to insert. */
export function fromAccount(account: Account): AccountTable {
  return {
    id: account.id,
    email: account.email,
    email_key: account.emailKey,
    name: account.name,
    password_hash: account.passwordHash,
    created_at: account.createdAt,
    disabled_at: account.disabledAt,
  };
}

/** A stored session row as a domain session. */
export function toSession(row: Selectable<SessionTable>): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    clientKind: row.client_kind as ClientKind,
    platform: row.platform,
    appVersion: row.app_version,
    browser: row.browser,
    os: row.os,
    deviceType: row.device_type as DeviceType | null,
    label: row.label,
    userAgent: row.user_agent,
    ip: row.ip,
    signInMethod: row.sign_in_method as SignInMethod,
    createdAt: Number(row.created_at),
    lastActiveAt: Number(row.last_active_at),
    expiresAt: Number(row.expires_at),
    revokedAt: toMillis(row.revoked_at),
    revokedReason: row.revoked_reason as RevocationReason | null,
    revokedBySessionId: row.revoked_by_session_id,
    revokedByLabel: row.revoked_by_label,
  };
}

/** A domain session and its credential hash as a row to insert. */
export function fromSession(session: Session, tokenHash: string): SessionTable {
  return {
    id: session.id,
    account_id: session.accountId,
    token_hash: tokenHash,
    client_kind: session.clientKind,
    platform: session.platform,
    app_version: session.appVersion,
    browser: session.browser,
    os: session.os,
    device_type: session.deviceType,
    label: session.label,
    user_agent: session.userAgent,
    ip: session.ip,
    sign_in_method: session.signInMethod,
    created_at: session.createdAt,
    last_active_at: session.lastActiveAt,
    expires_at: session.expiresAt,
    revoked_at: session.revokedAt,
    revoked_reason: session.revokedReason,
    revoked_by_session_id: session.revokedBySessionId,
    revoked_by_label: session.revokedByLabel,
  };
}

// PostgreSQL's bigint arrives as a string; SQLite's integer as a number.
function toMillis(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
