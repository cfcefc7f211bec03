/**
 * JSON schemas of the workspace API: workspaces, members, seats and share links. None of
 * them has a field for a session or a device.
 * @module
 */
import { PLANS } from '../workspaces/plan.js';
import { WORKSPACE_ROLES } from '../workspaces/workspace.js';
import { AUTH_ERRORS, PROBLEM_SCHEMA } from './api-schemas.js';

/** The longest workspace name accepted. */
const MAX_NAME_LENGTH = 100;

/** The most canvas content one workspace keeps (characters); the body limit is 64 KB. */
const MAX_CONTENT_LENGTH = 50_000;

/** The highest device limit a policy may set. */
const MAX_DEVICE_LIMIT = 100;

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const time = { type: 'string', format: 'date-time' } as const;
const plan = { type: 'string', enum: PLANS } as const;
const role = { type: 'string', enum: WORKSPACE_ROLES } as const;
const deviceLimit = {
  type: ['integer', 'null'],
  minimum: 1,
  maximum: MAX_DEVICE_LIMIT,
  description: "The organisation's device-limit policy for its members; null for none.",
} as const;

/** A workspace in a list: no content. */
export const WORKSPACE_SUMMARY_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'plan', 'role', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    plan,
    role: { ...role, description: "The caller's role in this workspace." },
    createdAt: time,
  },
} as const;

/** One workspace, as its members see it. */
export const WORKSPACE_SCHEMA = {
  type: 'object',
  required: [...WORKSPACE_SUMMARY_SCHEMA.required, 'seatLimit', 'deviceLimit', 'content'],
  properties: {
    ...WORKSPACE_SUMMARY_SCHEMA.properties,
    seatLimit: { type: 'integer' },
    deviceLimit,
    content: { type: 'string' },
  },
} as const;

/** A member of a workspace. */
export const MEMBER_SCHEMA = {
  type: 'object',
  required: ['accountId', 'email', 'name', 'role', 'joinedAt'],
  properties: {
    accountId: { type: 'string' },
    email: { type: 'string' },
    name: { type: ['string', 'null'] },
    role,
    joinedAt: time,
  },
} as const;

/** Seats: counted from members; guests take none. */
export const SEAT_VIEW_SCHEMA = {
  type: 'object',
  required: ['seatLimit', 'seatCount'],
  properties: {
    seatLimit: { type: 'integer', description: "Seats the workspace's plan includes." },
    seatCount: { type: 'integer', description: 'Owners, admins and members; guests take none.' },
  },
} as const;

/** A share link, without its secret. */
export const SHARE_LINK_SCHEMA = {
  type: 'object',
  required: ['id', 'canvasId', 'createdBy', 'createdAt'],
  properties: {
    id: { type: 'string' },
    canvasId: { type: 'string' },
    createdBy: { type: 'string', description: 'The account id of the admin who created it.' },
    createdAt: time,
  },
} as const;

/** A share link just created: the only answer that carries its secret. */
export const CREATED_SHARE_LINK_SCHEMA = {
  type: 'object',
  required: [...SHARE_LINK_SCHEMA.required, 'token'],
  properties: {
    ...SHARE_LINK_SCHEMA.properties,
    token: { type: 'string', description: 'The secret part of the link; shown this once.' },
  },
} as const;

/** `POST /api/v1/workspaces` body. */
export const CREATE_WORKSPACE_BODY = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH }, plan },
} as const;

/** `PATCH /api/v1/workspaces/{id}` body: any of the fields. */
export const UPDATE_WORKSPACE_BODY = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
    plan,
    deviceLimit,
    content: { type: 'string', maxLength: MAX_CONTENT_LENGTH },
  },
} as const;

/** `POST /api/v1/workspaces/{id}/members` body. */
export const ADD_MEMBER_BODY = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    role: { ...role, default: 'member' },
  },
} as const;

/** `PATCH /api/v1/workspaces/{id}/members/{accountId}` body. */
export const CHANGE_ROLE_BODY = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: { role },
} as const;

/** `POST /api/v1/workspaces/{id}/share-links` body. */
export const CREATE_SHARE_LINK_BODY = {
  type: 'object',
  required: ['canvasId'],
  additionalProperties: false,
  properties: { canvasId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const;

/** `{id}` in a workspace path. */
export const WORKSPACE_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id },
} as const;

/** `{id}` and `{accountId}` in a member path. */
export const MEMBER_PARAMS = {
  type: 'object',
  required: ['id', 'accountId'],
  properties: { id, accountId: id },
} as const;

/** `{id}` and `{linkId}` in a share link path. */
export const SHARE_LINK_PARAMS = {
  type: 'object',
  required: ['id', 'linkId'],
  properties: { id, linkId: id },
} as const;

/** Problems every workspace route can answer with: 401, 403 for a role, 404 for a non-member. */
export const WORKSPACE_ERRORS = {
  ...AUTH_ERRORS,
  403: PROBLEM_SCHEMA,
  404: PROBLEM_SCHEMA,
} as const;

/** Problems a workspace change can answer with: also a bad body (400) and a conflict (409). */
export const WORKSPACE_WRITE_ERRORS = {
  ...WORKSPACE_ERRORS,
  400: PROBLEM_SCHEMA,
  409: PROBLEM_SCHEMA,
} as const;
