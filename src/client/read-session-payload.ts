/**
 * Checks the shape of the API's answers before the client believes them.
 * @module
 */
import { isRecord, stringOrNull } from './read-problem.js';
import { createProtocolError } from './session-client-error.js';
import type { AccountInfo, DeviceLimit, SessionInfo } from './session-state.js';

/** What `GET /api/v1/session` and `POST /api/v1/sign-in` have in common. */
export interface SessionPayload {
  account: AccountInfo;
  session: SessionInfo;
  deviceLimit: DeviceLimit | null;
}

/** What `POST /api/v1/sign-in` adds for apps. */
export interface SignInPayload extends SessionPayload {
  token: string | null;
  refreshToken: string | null;
  expiresInSeconds: number | null;
}

/**
 * Reads the account, session and device limit of an answer.
 * @throws SessionClientError `ERR_CLIENT_PROTOCOL` when the account or session is missing.
 */
export function readSessionPayload(body: unknown): SessionPayload {
  if (!isRecord(body)) throw createProtocolError('the answer is not a JSON object');
  return {
    account: readAccount(body.account),
    session: readSession(body.session),
    deviceLimit: readDeviceLimit(body.deviceLimit),
  };
}

/** Reads a sign-in answer; the tokens are absent for browsers, which get a cookie. */
export function readSignInPayload(body: unknown): SignInPayload {
  const payload = readSessionPayload(body);
  const members = body as Record<string, unknown>;
  const expiresIn = members.expiresIn;
  return {
    ...payload,
    token: stringOrNull(members.token),
    refreshToken: stringOrNull(members.refreshToken),
    expiresInSeconds: isPositiveNumber(expiresIn) ? expiresIn : null,
  };
}

/** Reads a device limit; null when absent or malformed (it is advisory, never a reason to fail). */
export function readDeviceLimit(value: unknown): DeviceLimit | null {
  if (!isRecord(value)) return null;
  const { limit, count, source, exceeded } = value;
  if (typeof limit !== 'number' || typeof count !== 'number') return null;
  return {
    limit,
    count,
    source: typeof source === 'string' ? source : 'plan',
    exceeded: typeof exceeded === 'boolean' ? exceeded : count > limit,
  };
}

/** Reads the `sessions` list of `GET /api/v1/sessions`. */
export function readSessionList(body: unknown): SessionInfo[] {
  if (!isRecord(body) || !Array.isArray(body.sessions)) {
    throw createProtocolError('the answer has no session list');
  }
  return body.sessions.map(readSession);
}

function readAccount(value: unknown): AccountInfo {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.email !== 'string') {
    throw createProtocolError('the answer has no account');
  }
  return { id: value.id, email: value.email, name: stringOrNull(value.name) };
}

function readSession(value: unknown): SessionInfo {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.label !== 'string') {
    throw createProtocolError('the answer has no session');
  }
  return {
    id: value.id,
    current: value.current === true,
    clientKind: readClientKind(value.clientKind),
    label: value.label,
    platform: stringOrNull(value.platform),
    appVersion: stringOrNull(value.appVersion),
    browser: stringOrNull(value.browser),
    os: stringOrNull(value.os),
    deviceType: stringOrNull(value.deviceType),
    signInMethod: stringOrNull(value.signInMethod) ?? 'password',
    signedInAt: stringOrNull(value.signedInAt) ?? '',
    lastActiveAt: stringOrNull(value.lastActiveAt) ?? '',
    expiresAt: stringOrNull(value.expiresAt),
    ip: stringOrNull(value.ip),
  };
}

function readClientKind(value: unknown): SessionInfo['clientKind'] {
  return value === 'desktop' || value === 'mobile' ? value : 'web';
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
