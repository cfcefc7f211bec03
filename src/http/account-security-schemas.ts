/**
 * JSON schemas of the account security API: step-up, password and email change, password
 * reset, security events and the admin API.
 * @module
 */
import { PROBLEM_SCHEMA, SESSION_SCHEMA } from './api-schemas.js';

const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const email = { type: 'string', minLength: 1, maxLength: 254 } as const;
const nullableString = { type: ['string', 'null'] } as const;

/** `POST /api/v1/session/reauthenticate` body. */
export const REAUTHENTICATE_BODY = {
  type: 'object',
  required: ['password'],
  additionalProperties: false,
  properties: { password },
} as const;

/** `POST /api/v1/account/password` body. */
export const CHANGE_PASSWORD_BODY = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: {
    currentPassword: password,
    newPassword: password,
    signOutOtherSessions: {
      type: 'boolean',
      default: true,
      description: 'End every other session of the account (default true).',
    },
  },
} as const;

/** `POST /api/v1/account/email` body. */
export const CHANGE_EMAIL_BODY = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: { email },
} as const;

/** `POST /api/v1/password-reset/request` body. */
export const RESET_REQUEST_BODY = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: { email },
} as const;

/** `POST /api/v1/password-reset/confirm` body. */
export const RESET_CONFIRM_BODY = {
  type: 'object',
  required: ['token', 'newPassword'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 128 }, newPassword: password },
} as const;

/** A new credential in an answer: for apps only (browsers get a new cookie). */
export const FRESH_CREDENTIAL_PROPERTIES = {
  token: { type: 'string', description: 'The new access token; apps only.' },
  refreshToken: { type: 'string', description: 'The new refresh token; apps only.' },
  expiresIn: { type: 'integer', description: 'Seconds the access token lasts; apps only.' },
} as const;

/** The answer to a step-up. */
export const REAUTHENTICATED_SCHEMA = {
  type: 'object',
  required: ['session', 'authenticatedAt', 'validUntil'],
  properties: {
    session: SESSION_SCHEMA,
    authenticatedAt: { type: 'string', format: 'date-time' },
    validUntil: {
      type: 'string',
      format: 'date-time',
      description: 'Sensitive actions need no new password check until then.',
    },
    ...FRESH_CREDENTIAL_PROPERTIES,
  },
} as const;

/** The answer to a password change. */
export const PASSWORD_CHANGED_SCHEMA = {
  type: 'object',
  required: ['endedSessions'],
  properties: {
    endedSessions: { type: 'integer', description: 'How many other sessions were ended.' },
    ...FRESH_CREDENTIAL_PROPERTIES,
  },
} as const;

/** A security event as its owner sees it. */
export const SECURITY_EVENT_SCHEMA = {
  type: 'object',
  required: ['id', 'type', 'occurredAt', 'actor'],
  properties: {
    id: { type: 'integer' },
    type: { type: 'string' },
    occurredAt: { type: 'string', format: 'date-time' },
    actor: { type: 'string', enum: ['owner', 'admin', 'service', 'anonymous'] },
    sessionId: nullableString,
    bySessionId: nullableString,
    clientLabel: nullableString,
    ip: nullableString,
    locationHint: {
      type: ['string', 'null'],
      description: 'Where the address appeared to be, always approximate.',
    },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

/** `GET /api/v1/account/security-events` query. */
export const SECURITY_EVENTS_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
    before: { type: 'string', pattern: '^[0-9]{1,18}$' },
  },
} as const;

/** The owner's list of security events. */
export const SECURITY_EVENTS_RESPONSE = {
  type: 'object',
  required: ['events'],
  properties: {
    events: { type: 'array', items: SECURITY_EVENT_SCHEMA },
    nextBefore: { type: ['integer', 'null'], description: 'Pass as `before` for older events.' },
  },
} as const;

/** Errors of routes that check a password again. */
export const PASSWORD_CHECK_ERRORS = {
  400: PROBLEM_SCHEMA,
  401: PROBLEM_SCHEMA,
  403: PROBLEM_SCHEMA,
  429: PROBLEM_SCHEMA,
} as const;
