/**
 * JSON schemas of the HTTP API. Fastify validates with them, and `/openapi.json` is built
 * from them.
 * @module
 */

const nullableString = { type: ['string', 'null'] } as const;

/** Any problem document. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
  },
  additionalProperties: true,
} as const;

/** An account as answered. */
export const ACCOUNT_SCHEMA = {
  type: 'object',
  required: ['id', 'email', 'name', 'createdAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** A place drawn from an address; null as a whole when nothing is known. */
export const LOCATION_SCHEMA = {
  type: ['object', 'null'],
  required: ['city', 'region', 'country', 'countryCode'],
  properties: {
    city: nullableString,
    region: nullableString,
    country: nullableString,
    countryCode: { type: ['string', 'null'], description: 'ISO 3166-1 alpha-2' },
  },
} as const;

/** Who operates the network of an address; null when unknown. */
export const NETWORK_SCHEMA = {
  type: ['object', 'null'],
  required: ['kind', 'organisation'],
  properties: {
    kind: { type: 'string', enum: ['mobile', 'hosting', 'isp'] },
    organisation: nullableString,
  },
} as const;

/** A session as answered. */
export const SESSION_SCHEMA = {
  type: 'object',
  required: ['id', 'current', 'clientKind', 'label', 'signedInAt', 'lastActiveAt'],
  properties: {
    id: { type: 'string' },
    current: { type: 'boolean' },
    clientKind: { type: 'string', enum: ['web', 'desktop', 'mobile'] },
    platform: nullableString,
    appVersion: nullableString,
    browser: nullableString,
    os: nullableString,
    deviceType: { type: ['string', 'null'], enum: ['desktop', 'mobile', 'tablet', null] },
    label: { type: 'string' },
    deviceKey: {
      type: 'string',
      description:
        'Opaque and equal for the sessions of one device (one browser or app install); ' +
        'not a secret.',
    },
    possibleDuplicateOf: {
      type: ['string', 'null'],
      description:
        'In the list only: a more recently active session with the same label on another ' +
        'device (a reinstalled app, a browser whose cookies were cleared); null when none.',
    },
    signInMethod: { type: 'string' },
    signedInAt: { type: 'string', format: 'date-time' },
    lastActiveAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    ip: {
      type: ['string', 'null'],
      description: 'Last address seen, else the sign-in one; cut to its network after retention.',
    },
    location: LOCATION_SCHEMA,
    signInLocation: LOCATION_SCHEMA,
    locationHint: {
      type: ['string', 'null'],
      description: 'The last-seen place in words, always approximate ("Near London, …").',
    },
    placeChange: {
      type: ['string', 'null'],
      description: 'Set when the place changed since sign-in.',
    },
    network: NETWORK_SCHEMA,
    networkHint: nullableString,
    updateRequired: {
      type: 'boolean',
      description: "The app's version is below the minimum; it must update to work again.",
    },
  },
} as const;

/** Where the account stands against its advisory device limit; it never blocks or signs out. */
export const DEVICE_LIMIT_SCHEMA = {
  type: 'object',
  required: ['limit', 'count', 'source', 'policyName', 'exceeded'],
  properties: {
    limit: { type: 'integer', description: 'Devices expected at most: the strictest limit.' },
    count: { type: 'integer', description: 'Devices signed in; one per device, not per session.' },
    source: { type: 'string', enum: ['plan', 'policy'] },
    policyName: {
      type: ['string', 'null'],
      description: 'The workspace whose organisation policy set the limit; null for the plan.',
    },
    exceeded: { type: 'boolean' },
  },
} as const;

/** The notes that go with every list of places. */
export const LOCATION_NOTES_PROPERTIES = {
  locationCaveat: { type: 'string' },
  locationAttribution: {
    type: ['string', 'null'],
    description: 'Credit for the location data; null for an operator-supplied database.',
  },
} as const;

/** Account and session, as sign-up and sign-in answer (plus `token` for apps). */
export const SIGNED_IN_SCHEMA = {
  type: 'object',
  required: ['account', 'session'],
  properties: {
    account: ACCOUNT_SCHEMA,
    session: SESSION_SCHEMA,
    token: {
      type: 'string',
      description: 'The access token; present for ALLO apps only (browsers get a cookie).',
    },
    refreshToken: { type: 'string', description: 'Exchanged at /oauth/token; apps only.' },
    expiresIn: { type: 'integer', description: 'Seconds the access token lasts; apps only.' },
    deviceLimit: DEVICE_LIMIT_SCHEMA,
  },
} as const;

/** `POST /api/v1/accounts` body. */
export const SIGN_UP_BODY = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
    name: { type: 'string', maxLength: 200 },
  },
} as const;

/** `POST /api/v1/sign-in` body. */
export const SIGN_IN_BODY = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

/** `POST /api/v1/sessions/sign-out-all` body (optional). */
export const SIGN_OUT_ALL_BODY = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { keepCurrent: { type: 'boolean', default: false } },
} as const;

/** The answer to signing out of all devices: what was ended. */
export const SIGN_OUT_ALL_RESPONSE = {
  type: 'object',
  required: ['ended', 'sessions'],
  properties: {
    ended: { type: 'integer', description: 'How many sessions were ended.' },
    currentEnded: { type: 'boolean' },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, label: { type: 'string' } },
      },
    },
  },
} as const;

/** `{id}` in a session path. */
export const SESSION_ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** Standard error answers for authenticated routes. */
export const AUTH_ERRORS = { 401: PROBLEM_SCHEMA } as const;

/** An empty success answer. */
export const NO_CONTENT = { 204: { type: 'null', description: 'Done' } } as const;
