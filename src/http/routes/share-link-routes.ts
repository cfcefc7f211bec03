/**
 * `/api/v1/workspaces/{id}/share-links…`: links that open one canvas to whoever holds them.
 * @module
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { WorkspaceService } from '../../workspaces/workspace-service.js';
import { actingAccountId } from '../acting-account.js';
import { NO_CONTENT, PROBLEM_SCHEMA } from '../api-schemas.js';
import { toCreatedShareLink, toPublicShareLink } from '../public-workspace.js';
import {
  CREATED_SHARE_LINK_SCHEMA,
  CREATE_SHARE_LINK_BODY,
  SHARE_LINK_PARAMS,
  SHARE_LINK_SCHEMA,
  WORKSPACE_ERRORS,
  WORKSPACE_PARAMS,
} from '../workspace-schemas.js';

type ById = { Params: { id: string } };

/** Registers creating, listing and revoking share links (owners and admins). */
export async function shareLinkRoutes(
  app: FastifyInstance,
  preHandler: preHandlerAsyncHookHandler,
  workspaces: WorkspaceService,
): Promise<void> {
  app.get<ById>(
    '/api/v1/workspaces/:id/share-links',
    {
      preHandler,
      schema: {
        summary: "The workspace's share links that still work",
        params: WORKSPACE_PARAMS,
        response: {
          200: {
            type: 'object',
            properties: { shareLinks: { type: 'array', items: SHARE_LINK_SCHEMA } },
          },
          ...WORKSPACE_ERRORS,
        },
      },
    },
    async (request) => {
      const links = await workspaces.listShareLinks(actingAccountId(request), request.params.id);
      return { shareLinks: links.map(toPublicShareLink) };
    },
  );

  app.post<ById & { Body: { canvasId: string } }>(
    '/api/v1/workspaces/:id/share-links',
    {
      preHandler,
      schema: {
        summary: 'Create a share link to a canvas; its secret is in this answer only',
        params: WORKSPACE_PARAMS,
        body: CREATE_SHARE_LINK_BODY,
        response: { 201: CREATED_SHARE_LINK_SCHEMA, 400: PROBLEM_SCHEMA, ...WORKSPACE_ERRORS },
      },
    },
    async (request, reply) => {
      const accountId = actingAccountId(request);
      const { id } = request.params;
      const created = await workspaces.createShareLink(accountId, id, request.body.canvasId);
      return reply.code(201).send(toCreatedShareLink(created));
    },
  );

  app.delete<{ Params: { id: string; linkId: string } }>(
    '/api/v1/workspaces/:id/share-links/:linkId',
    {
      preHandler,
      schema: {
        summary: 'Revoke a share link',
        params: SHARE_LINK_PARAMS,
        response: { ...NO_CONTENT, ...WORKSPACE_ERRORS },
      },
    },
    async (request, reply) => {
      const { id, linkId } = request.params;
      await workspaces.revokeShareLink(actingAccountId(request), id, linkId);
      return reply.code(204).send();
    },
  );
}
