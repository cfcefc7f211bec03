/**
 * The loopback redirect of the desktop app's browser sign-in (RFC 8252 §7.3): a one-shot
 * HTTP listener on 127.0.0.1 that receives the browser's return.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listener waiting for the browser to come back. */
export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback`. */
  redirectUri: string;
  /** Resolves with the full URL the browser was sent to. */
  callbackUrl: Promise<string>;
  close(): void;
}

const CALLBACK_PATH = '/callback';
const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>ALLO</title>' +
  '<p>You can close this tab and return to ALLO.</p>';

/** Listens on a free loopback port until the first request to `/callback`. */
export async function listenForCallback(): Promise<LoopbackCallback> {
  let deliver: (url: string) => void = () => undefined;
  const callbackUrl = new Promise<string>((resolve) => {
    deliver = resolve;
  });
  let base = 'http://127.0.0.1';
  const server = createServer((request, response) => {
    const url = answerCallback(request, response, base);
    if (url !== null) deliver(url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    redirectUri: `${base}${CALLBACK_PATH}`,
    callbackUrl: callbackUrl.finally(() => server.close()),
    close: () => server.close(),
  };
}

function answerCallback(
  request: IncomingMessage,
  response: ServerResponse,
  base: string,
): string | null {
  // Resolved against the address listened on, whatever Host the browser sent.
  const url = new URL(request.url ?? '/', base);
  if (url.pathname !== CALLBACK_PATH) {
    response.writeHead(404).end();
    return null;
  }
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  response.writeHead(200, headers).end(DONE_PAGE);
  return url.toString();
}
