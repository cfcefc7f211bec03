/**
 * Property-based fuzzing of every route over real HTTP: hostile bodies, credentials and
 * client headers. Whatever arrives, the service answers without a 5xx or a stack trace, in
 * its documented error shape, and never hands a credential back.
 *
 * Runs are bounded so the file finishes in well under a minute on two cores; FUZZ_RUNS scales
 * every property, FUZZ_SEED replays a reported failure, FUZZ_STATS prints statuses per route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TestServer } from '../support/test-server.js';
import { startAttackServer } from '../attack/attack-support.js';
import { CredentialPool, FUZZ_CONFIG } from './credential-pool.js';
import {
  EXTRA_ROUTES,
  bodyWithType,
  requestHeaders,
  routeRequest,
  type FuzzRequest,
  type RouteTemplate,
} from './fuzz-inputs.js';
import { describeFailure, documentedRoutes, exchange, printStats, runs } from './fuzz-harness.js';
import type { RawHeader } from './raw-http.js';

/** A request to one of the routes, with any headers and any body under any content type. */
function fuzzRequest(routes: readonly RouteTemplate[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(routeRequest(routes), requestHeaders(), bodyWithType())
    .map(([route, headers, { body, type }]) => {
      const typed: RawHeader[] = type === null ? [] : [['content-type', type]];
      return { ...route, headers: [...headers, ...typed], body };
    });
}

describe('fuzz: every route, hostile input', () => {
  let server: TestServer;
  let pool: CredentialPool;
  let routes: RouteTemplate[];

  before(async () => {
    server = await startAttackServer(FUZZ_CONFIG);
    pool = await CredentialPool.create(server);
    routes = [...(await documentedRoutes(server)), ...EXTRA_ROUTES];
  });
  after(async () => {
    printStats();
    await server.close();
  });

  it('answers anything without a 5xx, a stack trace, an echoed credential or a stray redirect', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest(routes), async (request) => {
        await pool.refresh();
        const result = await exchange(server, pool, request);
        assert.deepEqual(
          result.violations,
          [],
          describeFailure(request, result, result.violations),
        );
      }),
      runs(250),
    );
  });

  it("never ends or shows another account's session, whatever the first account sends", async () => {
    const aimed = routes.filter((route) => /sessions|sign-out|oauth/.test(route.path));
    await fc.assert(
      fc.asyncProperty(fuzzRequest(aimed), async (request) => {
        await pool.refresh();
        const result = await exchange(server, pool, request);
        const problems = [...result.violations];
        if (!(await pool.isBystanderLive())) problems.push("ended the other account's session");
        if (result.response.text.includes(pool.otherEmail)) problems.push('showed its email');
        assert.deepEqual(problems, [], describeFailure(request, result, problems));
      }),
      runs(120),
    );
  });
});
