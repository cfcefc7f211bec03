/**
 * `/api/v1/workspaces/{id}/members…`: who belongs to a workspace, and as what.
 * @module
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { WorkspaceRole } from '../../workspaces/workspace.js';
import type { NewMember, WorkspaceService } from '../../workspaces/workspace-service.js';
import { actingAccountId } from '../acting-account.js';
import { NO_CONTENT, PROBLEM_SCHEMA } from '../api-schemas.js';
import { toPublicMember } from '../public-workspace.js';
import {
  ADD_MEMBER_BODY,
  CHANGE_ROLE_BODY,
  MEMBER_PARAMS,
  MEMBER_SCHEMA,
  WORKSPACE_ERRORS,
  WORKSPACE_PARAMS,
  WORKSPACE_WRITE_ERRORS,
} from '../workspace-schemas.js';

type ById = { Params: { id: string } };
type ByMember = { Params: { id: string; accountId: string } };

/** Registers listing, adding, re-roling and removing members. */
export async function workspaceMemberRoutes(
  app: FastifyInstance,
  preHandler: preHandlerAsyncHookHandler,
  workspaces: WorkspaceService,
): Promise<void> {
  app.get<ById>(
    '/api/v1/workspaces/:id/members',
    {
      preHandler,
      schema: {
        summary: 'The members of a workspace and their roles',
        params: WORKSPACE_PARAMS,
        response: {
          200: { type: 'object', properties: { members: { type: 'array', items: MEMBER_SCHEMA } } },
          ...WORKSPACE_ERRORS,
        },
      },
    },
    async (request) => {
      const members = await workspaces.listMembers(actingAccountId(request), request.params.id);
      return { members: members.map(toPublicMember) };
    },
  );

  app.post<ById & { Body: NewMember }>(
    '/api/v1/workspaces/:id/members',
    {
      preHandler,
      schema: {
        summary: 'Add an account by email (owners and admins); anyone but a guest takes a seat',
        params: WORKSPACE_PARAMS,
        body: ADD_MEMBER_BODY,
        response: { 201: MEMBER_SCHEMA, ...WORKSPACE_WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const accountId = actingAccountId(request);
      const member = await workspaces.addMember(accountId, request.params.id, request.body);
      return reply.code(201).send(toPublicMember(member));
    },
  );

  app.patch<ByMember & { Body: { role: WorkspaceRole } }>(
    '/api/v1/workspaces/:id/members/:accountId',
    {
      preHandler,
      schema: {
        summary: "Change a member's role (owners and admins; owner and admin by owners only)",
        params: MEMBER_PARAMS,
        body: CHANGE_ROLE_BODY,
        response: { 200: MEMBER_SCHEMA, ...WORKSPACE_WRITE_ERRORS },
      },
    },
    async (request) => {
      const { id, accountId } = request.params;
      const actor = actingAccountId(request);
      const member = await workspaces.changeRole(actor, id, accountId, request.body.role);
      return toPublicMember(member);
    },
  );

  app.delete<ByMember>(
    '/api/v1/workspaces/:id/members/:accountId',
    {
      preHandler,
      schema: {
        summary: 'Remove a member (owners and admins), or leave',
        params: MEMBER_PARAMS,
        response: { ...NO_CONTENT, 409: PROBLEM_SCHEMA, ...WORKSPACE_ERRORS },
      },
    },
    async (request, reply) => {
      const { id, accountId } = request.params;
      await workspaces.removeMember(actingAccountId(request), id, accountId);
      return reply.code(204).send();
    },
  );
}
