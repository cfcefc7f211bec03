import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { USER_AGENTS } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

/** The product's promise: an online client hears of its end within a second. */
const PROMISE_MILLIS = 1_000;

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

/** Resolves with the time the first `event: <name>` block has fully arrived. */
async function waitForEvent(
  response: Response,
  name: string,
): Promise<{ atMillis: number; data: unknown }> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`the stream ended without ${name}: ${text}`);
    text += decoder.decode(chunk.value, { stream: true });
    const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(text);
    if (match !== null) return { atMillis: performance.now(), data: JSON.parse(match[1] ?? '') };
  }
}

async function withTimeout<T>(pending: Promise<T>, timeoutMillis: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`nothing within ${timeoutMillis} ms`)),
      timeoutMillis,
    );
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('revocation reaches an online app', () => {
  it('an app following its events hears session.revoked within one second of DELETE returning', async () => {
    const email = uniqueEmail();
    const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
    await browser.signUp(email, PASSWORD);
    const app = server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
    const signIn = await app.signIn(email, PASSWORD);
    const abort = new AbortController();
    const stream = await fetch(`${server.baseUrl}/api/v1/session/events`, {
      headers: { authorization: `Bearer ${app.token}`, 'x-allo-client': 'desktop/4.2.0' },
      signal: abort.signal,
    });
    assert.equal(stream.status, 200);

    try {
      const heard = waitForEvent(stream, 'session.revoked');
      const revoked = await browser.request('DELETE', `/api/v1/sessions/${signIn.body.session.id}`);
      const returnedAt = performance.now();
      assert.equal(revoked.status, 204);

      const event = await withTimeout(heard, 5_000);
      assert.ok(event.atMillis - returnedAt < PROMISE_MILLIS, 'heard within one second');
      assert.deepEqual(Object.keys(event.data as object).sort(), ['at', 'by', 'reason']);
      assert.equal((event.data as { reason: string }).reason, 'revoked');
      assert.match(String((event.data as { by: string }).by), /Chrome on Windows/);
    } finally {
      abort.abort();
    }
  });
});
