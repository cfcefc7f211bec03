/**
 * Closing a test server that event-stream clients talked to.
 * @module
 */
import type { TestServer } from '../../support/test-server.js';

/**
 * Closes the server without waiting on idle sockets. After a client aborts a streaming
 * fetch, Node's fetch opens a spare connection that never sends a request; the server
 * would wait for its header timeout (about a minute) before it finished closing.
 */
export async function closeTestServer(server: TestServer): Promise<void> {
  const closing = server.close();
  server.built.app.server.closeAllConnections();
  await closing;
}
