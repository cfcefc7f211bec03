/**
 * Conversions between table rows and domain types; nothing else knows column names.
 * @module
 */
import type { Selectable } from 'kysely';
import type { Account } from '../accounts/account.js';
import type { ClientKind, DeviceType } from '../clients/client-description.js';
import type { Location, NetworkHint } from '../geo/location.js';
import { nameCountry } from '../geo/name-country.js';
import type { RevocationReason, SeenAddress, Session, SignInMethod } from '../sessions/session.js';
import { DEFAULT_PLAN, PLANS, type Plan } from '../workspaces/plan.js';
import type { AccountTable, SessionTable } from './database-schema.js';

/** The columns that hold one place. */
interface PlaceColumns {
  city: string | null;
  region: string | null;
  countryCode: string | null;
}

/** The columns written when a session is seen at a new address. */
export type SeenColumns = Pick<
  SessionTable,
  'last_ip' | 'last_city' | 'last_region' | 'last_country_code' | 'network_kind' | 'network_org'
>;

/** A stored account row as a domain account. */
export function toAccount(row: Selectable<AccountTable>): Account {
  return {
    id: row.id,
    email: row.email,
    emailKey: row.email_key,
    name: row.name,
    plan: toPlan(row.plan),
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
    disabledAt: toMillis(row.disabled_at),
    deletedAt: toMillis(row.deleted_at),
    sessionGeneration: Number(row.session_generation),
  };
}

/** A domain account as a row to insert. */
export function fromAccount(account: Account): AccountTable {
  return {
    id: account.id,
    email: account.email,
    email_key: account.emailKey,
    name: account.name,
    plan: account.plan,
    password_hash: account.passwordHash,
    created_at: account.createdAt,
    disabled_at: account.disabledAt,
    deleted_at: account.deletedAt,
    session_generation: account.sessionGeneration,
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
    deviceId: row.device_id,
    ip: row.ip,
    lastIp: row.last_ip,
    signInLocation: toLocation({
      city: row.sign_in_city,
      region: row.sign_in_region,
      countryCode: row.sign_in_country_code,
    }),
    lastLocation: toLocation({
      city: row.last_city,
      region: row.last_region,
      countryCode: row.last_country_code,
    }),
    network: toNetworkHint(row.network_kind, row.network_org),
    signInMethod: row.sign_in_method as SignInMethod,
    createdAt: Number(row.created_at),
    authenticatedAt: Number(row.authenticated_at ?? row.created_at),
    accountGeneration: Number(row.account_generation),
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
    device_id: session.deviceId,
    ip: session.ip,
    sign_in_city: session.signInLocation?.city ?? null,
    sign_in_region: session.signInLocation?.region ?? null,
    sign_in_country_code: session.signInLocation?.countryCode ?? null,
    ...fromSeenAddress({
      ip: session.lastIp,
      location: session.lastLocation,
      network: session.network,
    }),
    ip_truncated_at: null,
    sign_in_method: session.signInMethod,
    created_at: session.createdAt,
    authenticated_at: session.authenticatedAt,
    account_generation: session.accountGeneration,
    last_active_at: session.lastActiveAt,
    expires_at: session.expiresAt,
    revoked_at: session.revokedAt,
    revoked_reason: session.revokedReason,
    revoked_by_session_id: session.revokedBySessionId,
    revoked_by_label: session.revokedByLabel,
  };
}

/** The last-address columns for an address a session was seen at. */
export function fromSeenAddress(seen: NullableSeenAddress): SeenColumns {
  return {
    last_ip: seen.ip,
    last_city: seen.location?.city ?? null,
    last_region: seen.location?.region ?? null,
    last_country_code: seen.location?.countryCode ?? null,
    network_kind: seen.network?.kind ?? null,
    network_org: seen.network?.organisation ?? null,
  };
}

type NullableSeenAddress = Omit<SeenAddress, 'ip'> & { ip: string | null };

// Only the code is stored, so a country is always named the same way, whichever database
// found it.
function toLocation(columns: PlaceColumns): Location | null {
  const { city, region, countryCode } = columns;
  if (city === null && region === null && countryCode === null) return null;
  return { city, region, country: nameCountry(countryCode), countryCode };
}

function toNetworkHint(kind: string | null, organisation: string | null): NetworkHint | null {
  if (kind === null) return null;
  return { kind: kind as NetworkHint['kind'], organisation };
}

// A plan this version does not know (written by a newer one) reads as the default.
function toPlan(value: string): Plan {
  return PLANS.includes(value as Plan) ? (value as Plan) : DEFAULT_PLAN;
}

// PostgreSQL's bigint arrives as a string; SQLite's integer as a number.
function toMillis(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
