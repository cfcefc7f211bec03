/**
 * What the fuzz suites share: run counts, sending a generated request with its placeholders
 * filled in, and a readable account of a failure.
 * @module
 */
import fc from 'fast-check';
import type { TestServer } from '../support/test-server.js';
import { isBrowserRequest, type CredentialPool } from './credential-pool.js';
import type { FuzzRequest, RouteTemplate } from './fuzz-inputs.js';
import { sendRaw, type RawHeader, type RawResponse } from './raw-http.js';
import { findViolations } from './response-checks.js';

const RUN_SCALE = Number(process.env.FUZZ_RUNS ?? '1');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Node refuses a head over 16 KB before the app sees it; the attack suite covers that. */
const MAX_HEAD_BYTES = 15_000;

/** Answers by status and route, printed at the end when FUZZ_STATS is set. */
const STATS = new Map<string, number>();

/** Parameters for a property: `base` runs scaled by FUZZ_RUNS, and FUZZ_SEED when set. */
export function runs(base: number): fc.Parameters<unknown> {
  const numRuns = Math.max(1, Math.round(base * RUN_SCALE));
  const parameters = { numRuns, includeErrorInReport: true };
  return SEED === undefined ? parameters : { ...parameters, seed: SEED };
}

/** Every API route `/openapi.json` lists, as method and path template. */
export async function documentedRoutes(server: TestServer): Promise<RouteTemplate[]> {
  const document = await server.client().request('GET', '/openapi.json');
  const paths = document.body.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/** An answer, what was actually sent, and everything wrong with the answer. */
export interface Exchange {
  response: RawResponse;
  headers: RawHeader[];
  path: string;
  isBrowser: boolean;
  violations: string[];
}

/**
 * Fills in a generated request, sends it, and checks the answer. Call inside a property:
 * a request whose head Node would refuse is discarded with `fc.pre`.
 */
export async function exchange(
  server: TestServer,
  pool: CredentialPool,
  request: FuzzRequest,
): Promise<Exchange> {
  const filled = pool.fill(request);
  fc.pre(headBytes(filled.headers) <= MAX_HEAD_BYTES);
  const response = await sendRaw(server.baseUrl, { method: request.method, ...filled });
  count(request, response);

  const isBrowser = isBrowserRequest(filled.headers);
  const sent = { method: request.method, path: filled.path, secrets: pool.secrets, isBrowser };
  const violations = findViolations(response, sent);
  return { response, headers: filled.headers, path: filled.path, isBrowser, violations };
}

/** One line per problem, with the request and the start of the answer. */
export function describeFailure(
  request: FuzzRequest,
  result: Exchange,
  problems: string[],
): string {
  const { response } = result;
  const head = `${request.method} ${request.path.slice(0, 200)} → ${response.status}`;
  return `${head}: ${problems.join('; ')}\n${response.text.slice(0, 300)}`;
}

/** Prints how often each status came back per route, when FUZZ_STATS is set. */
export function printStats(): void {
  if (process.env.FUZZ_STATS === undefined) return;
  const lines = [...STATS].sort(([a], [b]) => a.localeCompare(b));
  process.stdout.write(lines.map(([key, n]) => `# ${n}\t${key}\n`).join(''));
}

function count(request: FuzzRequest, response: RawResponse): void {
  if (process.env.FUZZ_STATS === undefined) return;
  const route = request.path.replace(/\?.*$/, '').replace(/\/[^/]*%[^/]*/g, '/…');
  const key = `${response.status} ${request.method} ${route.slice(0, 60)}`;
  STATS.set(key, (STATS.get(key) ?? 0) + 1);
}

function headBytes(headers: readonly RawHeader[]): number {
  return headers.reduce((sum, [name, value]) => sum + name.length + 4 + value.length, 0);
}
