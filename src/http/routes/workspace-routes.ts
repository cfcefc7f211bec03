/**
 * `/api/v1/workspaces…` and the `/settings/workspaces` page. Every route acts as an account,
 * never as a session: which device asks makes no difference to the answer.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { AlloError } from '../../domain/errors.js';
import { FormGuard } from '../../web/form-guard.js';
import { renderWorkspacesPage, type WorkspaceCard } from '../../web/pages/workspaces-page.js';
import type { WorkspaceChanges } from '../../workspaces/workspace.js';
import { canManageWorkspace } from '../../workspaces/workspace-roles.js';
import type { NewWorkspace, WorkspaceService } from '../../workspaces/workspace-service.js';
import { actingAccountId } from '../acting-account.js';
import { AUTH_ERRORS, PROBLEM_SCHEMA } from '../api-schemas.js';
import type { CsrfTokens } from '../csrf-tokens.js';
import { toPublicWorkspace, toPublicWorkspaceSummary } from '../public-workspace.js';
import { authenticateRequest, requireSession } from '../request-auth.js';
import type { Services } from '../services.js';
import {
  CREATE_WORKSPACE_BODY,
  SEAT_VIEW_SCHEMA,
  UPDATE_WORKSPACE_BODY,
  WORKSPACE_ERRORS,
  WORKSPACE_PARAMS,
  WORKSPACE_WRITE_ERRORS,
  WORKSPACE_SCHEMA,
  WORKSPACE_SUMMARY_SCHEMA,
} from '../workspace-schemas.js';
import { shareLinkRoutes } from './share-link-routes.js';
import { workspaceMemberRoutes } from './workspace-member-routes.js';

/** The settings page that lists the caller's workspaces. */
export const WORKSPACES_PAGE_PATH = '/settings/workspaces';

type ById = { Params: { id: string } };

/**
 * Registers the workspace API and page; call before the app listens. `csrf` must be the
 * instance the other pages use, so the account menu's sign-out form works from this page.
 */
export async function workspaceRoutes(
  app: FastifyInstance,
  services: Services,
  workspaces: WorkspaceService,
  csrf: CsrfTokens,
): Promise<void> {
  const { publicUrl, trustedProxies } = services.config;
  const preHandler = requireSession(services.sessions, publicUrl, trustedProxies, {
    versionGate: services.versionGate,
  });

  app.post<{ Body: NewWorkspace }>(
    '/api/v1/workspaces',
    {
      preHandler,
      schema: {
        summary: 'Create a workspace; the caller becomes its owner',
        body: CREATE_WORKSPACE_BODY,
        response: { 201: WORKSPACE_SCHEMA, 400: PROBLEM_SCHEMA, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const created = await workspaces.createWorkspace(actingAccountId(request), request.body);
      return reply.code(201).send(toPublicWorkspace(created));
    },
  );

  app.get(
    '/api/v1/workspaces',
    {
      preHandler,
      schema: {
        summary: 'The workspaces the caller belongs to, with their role in each',
        response: {
          200: {
            type: 'object',
            properties: { workspaces: { type: 'array', items: WORKSPACE_SUMMARY_SCHEMA } },
          },
          ...AUTH_ERRORS,
        },
      },
    },
    async (request) => {
      const memberships = await workspaces.listWorkspaces(actingAccountId(request));
      return { workspaces: memberships.map(toPublicWorkspaceSummary) };
    },
  );

  app.get<ById>(
    '/api/v1/workspaces/:id',
    {
      preHandler,
      schema: {
        summary: 'One workspace (members only)',
        params: WORKSPACE_PARAMS,
        response: { 200: WORKSPACE_SCHEMA, ...WORKSPACE_ERRORS },
      },
    },
    async (request) => {
      const membership = await workspaces.getWorkspace(actingAccountId(request), request.params.id);
      return toPublicWorkspace(membership);
    },
  );

  app.patch<ById & { Body: WorkspaceChanges }>(
    '/api/v1/workspaces/:id',
    {
      preHandler,
      schema: {
        summary: 'Change name, plan, device-limit policy or content (owners and admins)',
        params: WORKSPACE_PARAMS,
        body: UPDATE_WORKSPACE_BODY,
        response: { 200: WORKSPACE_SCHEMA, ...WORKSPACE_WRITE_ERRORS },
      },
    },
    async (request) => {
      const accountId = actingAccountId(request);
      const updated = await workspaces.updateWorkspace(accountId, request.params.id, request.body);
      return toPublicWorkspace(updated);
    },
  );

  app.get<ById>(
    '/api/v1/workspaces/:id/seats',
    {
      preHandler,
      schema: {
        summary: "Seats: the plan's limit and how many members hold one",
        params: WORKSPACE_PARAMS,
        response: { 200: SEAT_VIEW_SCHEMA, ...WORKSPACE_ERRORS },
      },
    },
    async (request) => workspaces.seatView(actingAccountId(request), request.params.id),
  );

  await workspaceMemberRoutes(app, preHandler, workspaces);
  await shareLinkRoutes(app, preHandler, workspaces);
  const guard = new FormGuard(csrf, publicUrl, trustedProxies);
  registerWorkspacesPage(app, services, workspaces, guard);
}

function registerWorkspacesPage(
  app: FastifyInstance,
  services: Services,
  workspaces: WorkspaceService,
  forms: FormGuard,
): void {
  app.get(WORKSPACES_PAGE_PATH, async (request, reply) => {
    const { publicUrl, trustedProxies } = services.config;
    const auth = await authenticateRequest(request, services.sessions, publicUrl, trustedProxies);
    if (auth instanceof AlloError) return reply.redirect('/sign-in', 303);

    const cards = await loadWorkspaceCards(workspaces, auth.account.id);
    const account = { email: auth.account.email, csrfToken: forms.sessionToken(auth.session) };
    const page = renderWorkspacesPage({ account, workspaces: cards });
    return reply.type('text/html; charset=utf-8').send(page);
  });
}

async function loadWorkspaceCards(
  workspaces: WorkspaceService,
  accountId: string,
): Promise<WorkspaceCard[]> {
  const memberships = await workspaces.listWorkspaces(accountId);
  return Promise.all(
    memberships.map(async (membership) => {
      const id = membership.workspace.id;
      const mayManage = canManageWorkspace(membership.role);
      const [members, seats, shareLinks] = await Promise.all([
        workspaces.listMembers(accountId, id),
        workspaces.seatView(accountId, id),
        mayManage ? workspaces.listShareLinks(accountId, id) : null,
      ]);
      return { membership, members, seats, shareLinks };
    }),
  );
}
