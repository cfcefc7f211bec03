/**
 * How soon an online app hears that its session was ended elsewhere: an app session follows
 * `/api/v1/session/events`, another session of the account ends it, and the time from the
 * ending call's answer to the `session.revoked` event is measured, one revocation at a time.
 * @module
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';

/** Settings of the revocation measurement. */
export const REVOCATION_DEFAULTS = Object.freeze({
  revocations: 200,
  /** An event not heard within this long counts as missed (5 s). */
  eventTimeoutMillis: 5_000,
  /** What the product promises: heard within one second of the call returning. */
  promiseMillis: 1_000,
});

/** Percentiles of one latency series, in milliseconds. */
export interface LatencyFigures {
  p50Millis: number;
  p99Millis: number;
  maxMillis: number;
}

/** What the measurement found; latencies cover heard events only. */
export interface RevocationSummary {
  revocations: number;
  /** Events not heard within the timeout. */
  missed: number;
  /** Events heard later than the promised second after the call returned. */
  late: number;
  /** Events heard before the ending call's answer was read (counted as 0 ms after it). */
  heardBeforeReturn: number;
  /** From the DELETE answer being read to the event: the product's promise. */
  afterReturn: LatencyFigures;
  /** From the DELETE being sent to the event: the whole delay a person could notice. */
  afterRequest: LatencyFigures;
}

/** When one revocation was asked for, answered and heard (performance.now()). */
interface RevocationTiming {
  sentAt: number;
  returnedAt: number;
  heardAt: number;
}

const APP_HEADERS = Object.freeze({
  'user-agent': 'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0',
  'x-allo-client': 'ios/5.1.3',
});

/** Measures `revocations` sign-outs of an app session heard over its event stream. */
export async function measureRevocation(
  baseUrl: string,
  revocations: number = REVOCATION_DEFAULTS.revocations,
): Promise<RevocationSummary> {
  const account = await createAccount(baseUrl);
  const timings: RevocationTiming[] = [];
  for (let index = 0; index < revocations; index += 1) {
    const timing = await measureOneRevocation(baseUrl, account);
    if (timing !== null) timings.push(timing);
  }
  return summarize(timings, revocations);
}

/** An account and the cookie of the browser session that ends the app sessions. */
export interface BenchAccount {
  email: string;
  password: string;
  browserCookie: string;
}

/** Creates an account from a browser and keeps that browser's session cookie. */
export async function createAccount(baseUrl: string): Promise<BenchAccount> {
  const email = `revocation.${randomBytes(6).toString('hex')}@example.test`;
  const password = randomBytes(18).toString('base64url');
  const response = await postJson(`${baseUrl}/api/v1/accounts`, {}, { email, password });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0] ?? '')
    .find((pair) => pair.startsWith('allo_session='));
  if (cookie === undefined) throw new Error('the browser sign-up set no session cookie');
  return { email, password, browserCookie: cookie };
}

/**
 * Signs an app in, follows its events, ends it from the browser, and returns when the DELETE
 * was sent and answered and when the event was heard; null when it was not heard.
 */
export async function measureOneRevocation(
  baseUrl: string,
  account: BenchAccount,
): Promise<RevocationTiming | null> {
  const credentials = { email: account.email, password: account.password };
  const signIn = await postJson(`${baseUrl}/api/v1/sign-in`, APP_HEADERS, credentials);
  const { token, session } = (await signIn.json()) as { token: string; session: { id: string } };

  const stream = await followEvents(baseUrl, token);
  try {
    const heard = stream.revokedAt(REVOCATION_DEFAULTS.eventTimeoutMillis);
    const sentAt = performance.now();
    const revoked = await fetch(`${baseUrl}/api/v1/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { cookie: account.browserCookie },
    });
    await revoked.arrayBuffer();
    const returnedAt = performance.now();
    if (revoked.status !== 204) throw new Error(`DELETE answered ${revoked.status}`);

    const heardAt = await heard;
    return heardAt === null ? null : { sentAt, returnedAt, heardAt };
  } finally {
    stream.close();
  }
}

interface FollowedStream {
  /** When `session.revoked` arrived (performance.now()), or null after the timeout. */
  revokedAt(timeoutMillis: number): Promise<number | null>;
  close(): void;
}

/** Opens the event stream and resolves once the service has written its opening comment. */
function followEvents(baseUrl: string, token: string): Promise<FollowedStream> {
  const url = new URL('/api/v1/session/events', baseUrl);
  const headers = { ...APP_HEADERS, authorization: `Bearer ${token}` };
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the event stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      // The service subscribes before it writes `: open`, so nothing after this is lost.
      response.once('data', () => resolve(followedStream(response, () => request.destroy())));
    });
    request.on('error', reject);
    request.end();
  });
}

function followedStream(response: IncomingMessage, close: () => void): FollowedStream {
  let text = '';
  let heardAt: number | null = null;
  const waiters: Array<(at: number) => void> = [];
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    text += chunk;
    if (heardAt !== null || !text.includes('event: session.revoked')) return;
    heardAt = performance.now();
    for (const wake of waiters) wake(heardAt);
  });
  response.on('error', () => undefined);

  return {
    revokedAt: (timeoutMillis) =>
      new Promise((resolve) => {
        if (heardAt !== null) return resolve(heardAt);
        const timer = setTimeout(() => resolve(null), timeoutMillis);
        waiters.push((at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    close,
  };
}

async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`);
  return response;
}

function summarize(timings: RevocationTiming[], revocations: number): RevocationSummary {
  const afterReturn = timings.map((each) => Math.max(0, each.heardAt - each.returnedAt));
  const afterRequest = timings.map((each) => each.heardAt - each.sentAt);
  const { promiseMillis } = REVOCATION_DEFAULTS;
  return {
    revocations,
    missed: revocations - timings.length,
    late: afterReturn.filter((each) => each > promiseMillis).length,
    heardBeforeReturn: timings.filter((each) => each.heardAt < each.returnedAt).length,
    afterReturn: figuresOf(afterReturn),
    afterRequest: figuresOf(afterRequest),
  };
}

function figuresOf(latencies: number[]): LatencyFigures {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50Millis: percentile(sorted, 50),
    p99Millis: percentile(sorted, 99),
    maxMillis: percentile(sorted, 100),
  };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
function percentile(sorted: Float64Array, rank: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.ceil((rank / 100) * sorted.length) - 1;
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
