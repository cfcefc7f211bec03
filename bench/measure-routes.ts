/**
 * The bench proper: the bare route against the session check, over cookie and bearer, each
 * warmed up and then measured in the same run.
 * @module
 */
import type { BenchCredentials } from './create-bench-credentials.js';
import type { LookupCosts } from './measure-lookups.js';
import type { RevocationSummary } from './measure-revocation.js';
import { runClosedLoop, type LoadOptions, type LoadSummary } from './run-closed-loop.js';

/** Load settings for every route. */
export const BENCH_DEFAULTS = Object.freeze({
  concurrency: 16,
  warmupMillis: 1_000,
  durationMillis: 3_000,
  /** Per phase: a machine fast enough to exceed it stops early rather than run on. */
  maxRequests: 1_000_000,
  requestTimeoutMillis: 5_000,
});

/** One route's measured figures. */
export interface RouteResult extends LoadSummary {
  route: string;
}

/** Everything one bench run measured. */
export interface BenchReport {
  node: string;
  concurrency: number;
  warmupMillis: number;
  durationMillis: number;
  results: RouteResult[];
  /** Session-check throughput as a share of the bare route's, per credential. */
  ratios: { cookie: number; bearer: number };
  /** How soon an online app heard its session end; null when not measured. */
  revocation: RevocationSummary | null;
  /** In-process cost of the session check and the location lookup; null when not measured. */
  lookups: LookupCosts | null;
}

/** Warms up and measures the three routes, one after the other. */
export async function measureRoutes(
  port: number,
  credentials: BenchCredentials,
): Promise<BenchReport> {
  const bare = await measureRoute('GET /healthz', port, '/healthz', {});
  const cookie = await measureRoute(
    'GET /api/v1/session (cookie)',
    port,
    '/api/v1/session',
    credentials.cookieHeaders,
  );
  const bearer = await measureRoute(
    'GET /api/v1/session (bearer)',
    port,
    '/api/v1/session',
    credentials.bearerHeaders,
  );

  return {
    node: process.version,
    concurrency: BENCH_DEFAULTS.concurrency,
    warmupMillis: BENCH_DEFAULTS.warmupMillis,
    durationMillis: BENCH_DEFAULTS.durationMillis,
    results: [bare, cookie, bearer],
    ratios: {
      cookie: cookie.requestsPerSecond / bare.requestsPerSecond,
      bearer: bearer.requestsPerSecond / bare.requestsPerSecond,
    },
    revocation: null,
    lookups: null,
  };
}

async function measureRoute(
  route: string,
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<RouteResult> {
  const target = { port, path, headers };
  await runClosedLoop(target, loadOptions(BENCH_DEFAULTS.warmupMillis));
  const summary = await runClosedLoop(target, loadOptions(BENCH_DEFAULTS.durationMillis));
  return { route, ...summary };
}

function loadOptions(durationMillis: number): LoadOptions {
  const { concurrency, maxRequests, requestTimeoutMillis } = BENCH_DEFAULTS;
  return { concurrency, durationMillis, maxRequests, requestTimeoutMillis };
}
