/**
 * A closed-loop load generator: a fixed number of keep-alive connections, each sending its
 * next request as soon as the previous answer is read, until a deadline or a request budget.
 * @module
 */
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One route to load. */
export interface LoadTarget {
  port: number;
  path: string;
  headers: Record<string, string>;
}

/** How hard and how long to push. */
export interface LoadOptions {
  concurrency: number;
  durationMillis: number;
  /** Stops early after this many requests, whatever the clock says. */
  maxRequests: number;
  /** A request still unanswered after this long counts as an error. */
  requestTimeoutMillis: number;
}

/** What one run measured; latencies cover successful (200) answers only. */
export interface LoadSummary {
  requests: number;
  errors: number;
  elapsedMillis: number;
  requestsPerSecond: number;
  p50Millis: number;
  p99Millis: number;
}

interface LoopState {
  target: LoadTarget;
  options: LoadOptions;
  agent: Agent;
  deadline: number;
  started: number;
  errors: number;
  latenciesMillis: number[];
}

/** Loads `target` for `options.durationMillis` (or the request budget) and summarises it. */
export async function runClosedLoop(
  target: LoadTarget,
  options: LoadOptions,
): Promise<LoadSummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const startMillis = performance.now();
  const state: LoopState = {
    target,
    options,
    agent,
    deadline: startMillis + options.durationMillis,
    started: 0,
    errors: 0,
    latenciesMillis: [],
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, () => runConnection(state)));
  } finally {
    agent.destroy();
  }
  return summarize(state, performance.now() - startMillis);
}

async function runConnection(state: LoopState): Promise<void> {
  while (performance.now() < state.deadline && state.started < state.options.maxRequests) {
    state.started += 1;
    const sentMillis = performance.now();
    const isOk = await sendRequest(state);
    if (isOk) state.latenciesMillis.push(performance.now() - sentMillis);
    else state.errors += 1;
  }
}

// Resolves, never rejects: a failed request is counted, and the loop goes on.
function sendRequest(state: LoopState): Promise<boolean> {
  const { target, agent } = state;
  return new Promise((resolve) => {
    const options = { host: '127.0.0.1', port: target.port, path: target.path, agent };
    const request = get({ ...options, headers: target.headers }, (response) => {
      response.on('end', () => resolve(response.statusCode === 200));
      response.on('error', () => resolve(false));
      response.resume();
    });
    request.setTimeout(state.options.requestTimeoutMillis, () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function summarize(state: LoopState, elapsedMillis: number): LoadSummary {
  const sorted = Float64Array.from(state.latenciesMillis).sort();
  return {
    requests: sorted.length,
    errors: state.errors,
    elapsedMillis,
    requestsPerSecond: (sorted.length * 1000) / elapsedMillis,
    p50Millis: percentile(sorted, 50),
    p99Millis: percentile(sorted, 99),
  };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
function percentile(sorted: Float64Array, rank: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.ceil((rank / 100) * sorted.length) - 1;
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
