/**
 * Starts the real service for workspace tests, with the workspace service at hand for checks
 * behind the API.
 * @module
 */
import type { Config } from '../../src/config/config.js';
import { WorkspaceService } from '../../src/workspaces/workspace-service.js';
import { startTestServer, type TestServer } from './test-server.js';

/** A running service, and its workspace service for checks behind the API. */
export interface WorkspaceTestServer extends TestServer {
  workspaces: WorkspaceService;
}

/** Starts a service; pass config overrides as usual. */
export async function startWorkspaceTestServer(
  overrides: Partial<Config> = {},
  options: { databaseUrl?: string } = {},
): Promise<WorkspaceTestServer> {
  const server = await startTestServer(overrides, options);
  const workspaces = new WorkspaceService({
    store: server.workspaceStore,
    accounts: server.store,
    clock: server.clock,
  });
  return { ...server, workspaces };
}
