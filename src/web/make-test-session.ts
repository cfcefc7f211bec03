/**
 * A session for the page unit tests.
 * @module
 */
import type { Session } from '../sessions/session.js';

const MARCH_12 = Date.UTC(2026, 2, 12, 14, 2, 0);

/** A live browser session with every field filled in; override what a test is about. */
export function makeTestSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 'ses_1',
    accountId: 'acc_1',
    clientKind: 'web',
    platform: null,
    appVersion: null,
    browser: 'Chrome 131',
    os: 'Windows',
    deviceType: 'desktop',
    label: 'Chrome on Windows',
    userAgent: null,
    deviceId: null,
    ip: '81.2.69.160',
    lastIp: '81.2.69.160',
    signInLocation: null,
    lastLocation: null,
    network: null,
    signInMethod: 'password',
    createdAt: MARCH_12,
    authenticatedAt: MARCH_12,
    accountGeneration: 0,
    lastActiveAt: MARCH_12,
    expiresAt: MARCH_12 + 30 * 86_400_000,
    revokedAt: null,
    revokedReason: null,
    revokedBySessionId: null,
    revokedByLabel: null,
    ...overrides,
  };
}
