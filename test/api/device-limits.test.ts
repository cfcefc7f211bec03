import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config/config.js';
import type { Plan } from '../../src/workspaces/plan.js';
import { authorizeWithSession, createPKCEPair, redeemCode } from '../support/oauth-flow.js';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** An account and the browser it signed up on. */
interface Owner {
  email: string;
  accountId: string;
  first: TestClient;
}

async function expectStatus(pending: Promise<TestResponse>, status: number): Promise<TestResponse> {
  const response = await pending;
  assert.equal(response.status, status, response.text);
  return response;
}

/** A browser of its own: a cookie jar, so its own device cookie. */
function newBrowser(): TestClient {
  return server.client({ userAgent: USER_AGENTS.chromeWindows });
}

/** An ALLO desktop app install that sends `deviceId` (or no device header when null). */
function newApp(deviceId: string | null): TestClient {
  const headers: Record<string, string> = deviceId === null ? {} : { 'x-allo-device': deviceId };
  return server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0', headers });
}

async function signUp(name = 'alice', plan: Plan = 'free'): Promise<Owner> {
  const email = uniqueEmail(name);
  const first = newBrowser();
  const response = await expectStatus(first.signUp(email, PASSWORD), 201);
  const accountId: string = response.body.account.id;
  if (plan !== 'free') assert.equal(await server.store.setAccountPlan(accountId, plan), true);
  return { email, accountId, first };
}

/** Signs in `count` more browsers, a minute apart, and returns them with their answers. */
async function signInBrowsers(owner: Owner, count: number): Promise<TestResponse[]> {
  const answers: TestResponse[] = [];
  for (let i = 0; i < count; i += 1) {
    server.clock.advanceSeconds(60);
    answers.push(await expectStatus(newBrowser().signIn(owner.email, PASSWORD), 200));
  }
  return answers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function deviceLimitOf(client: TestClient): Promise<any> {
  return (await expectStatus(client.request('GET', '/api/v1/session'), 200)).body.deviceLimit;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function listOf(client: TestClient): Promise<any> {
  return (await expectStatus(client.request('GET', '/api/v1/sessions'), 200)).body;
}

async function createWorkspace(owner: Owner, name: string, deviceLimit: number): Promise<string> {
  const created = await expectStatus(
    owner.first.request('POST', '/api/v1/workspaces', { json: { name, plan: 'team' } }),
    201,
  );
  const id: string = created.body.id;
  const patch = { json: { deviceLimit } };
  await expectStatus(owner.first.request('PATCH', `/api/v1/workspaces/${id}`, patch), 200);
  return id;
}

async function addMember(owner: Owner, workspaceId: string, member: Owner): Promise<void> {
  const json = { email: member.email, role: 'member' };
  const path = `/api/v1/workspaces/${workspaceId}/members`;
  await expectStatus(owner.first.request('POST', path, { json }), 201);
}

describe('device limit per plan', () => {
  for (const [plan, limit] of Object.entries(DEFAULTS.planDeviceLimits) as [Plan, number][]) {
    it(`${plan}: ${limit} devices bring no warning; one more warns and signs nobody out`, async () => {
      const owner = await signUp(plan, plan);
      const atLimit = await signInBrowsers(owner, limit - 1);

      assert.deepEqual(atLimit.at(-1)?.body.deviceLimit, {
        limit,
        count: limit,
        source: 'plan',
        policyName: null,
        exceeded: false,
      });
      const [over] = await signInBrowsers(owner, 1);
      assert.deepEqual(over?.body.deviceLimit, {
        limit,
        count: limit + 1,
        source: 'plan',
        policyName: null,
        exceeded: true,
      });
      assert.equal((await listOf(owner.first)).sessions.length, limit + 1);
    });
  }

  it('answers the warning alike on sign-in, GET /session and the list, and every session works', async () => {
    const owner = await signUp();
    const devices = [owner.first];
    for (let i = 0; i < 3; i += 1) {
      const browser = newBrowser();
      await expectStatus(browser.signIn(owner.email, PASSWORD), 200);
      devices.push(browser);
    }

    const expected = { limit: 3, count: 4, source: 'plan', policyName: null, exceeded: true };
    for (const device of devices) assert.deepEqual(await deviceLimitOf(device), expected);
    assert.deepEqual((await listOf(owner.first)).deviceLimit, expected);
  });

  it('starts new accounts on the configured default plan', async () => {
    const proServer = await startTestServer({ defaultPlan: 'pro' });
    try {
      const browser = proServer.client({ userAgent: USER_AGENTS.chromeWindows });
      const response = await expectStatus(browser.signUp(uniqueEmail(), PASSWORD), 201);
      assert.equal(response.body.deviceLimit.limit, DEFAULTS.planDeviceLimits.pro);
      const account = await proServer.store.findAccountById(response.body.account.id);
      assert.equal(account?.plan, 'pro');
    } finally {
      await proServer.close();
    }
  });
});

describe('device limit per organisation policy', () => {
  it('lets a policy stricter than the plan win, naming its workspace', async () => {
    const admin = await signUp('olivia');
    const member = await signUp('mia');
    await addMember(admin, await createWorkspace(admin, 'Design team', 2), member);

    const [second] = await signInBrowsers(member, 1);
    assert.deepEqual(second?.body.deviceLimit, {
      limit: 2,
      count: 2,
      source: 'policy',
      policyName: 'Design team',
      exceeded: false,
    });
    const [third] = await signInBrowsers(member, 1);
    assert.equal(third?.body.deviceLimit.exceeded, true);
    assert.equal(third?.body.deviceLimit.source, 'policy');
    assert.equal((await listOf(member.first)).sessions.length, 3);
  });

  it('takes the strictest of several policies; looser ones leave the plan in charge', async () => {
    const admin = await signUp('olivia');
    const member = await signUp('mia');
    await addMember(admin, await createWorkspace(admin, 'Agency', 5), member);
    const loose = await deviceLimitOf(member.first);
    assert.deepEqual([loose.limit, loose.source, loose.policyName], [3, 'plan', null]);

    await addMember(admin, await createWorkspace(admin, 'Studio', 2), member);
    await addMember(admin, await createWorkspace(admin, 'Bank', 1), member);
    const strict = await deviceLimitOf(member.first);
    assert.deepEqual([strict.limit, strict.source, strict.policyName], [1, 'policy', 'Bank']);
    assert.equal(strict.exceeded, false);
  });

  it('applies a policy below a paid plan, and the plan again once the policy is lifted', async () => {
    const admin = await signUp('olivia');
    const member = await signUp('mia', 'enterprise');
    const workspaceId = await createWorkspace(admin, 'Design team', 2);
    await addMember(admin, workspaceId, member);
    await signInBrowsers(member, 2);
    assert.equal((await deviceLimitOf(member.first)).exceeded, true);

    const lift = { json: { deviceLimit: null } };
    await expectStatus(
      admin.first.request('PATCH', `/api/v1/workspaces/${workspaceId}`, lift),
      200,
    );
    const lifted = await deviceLimitOf(member.first);
    assert.deepEqual([lifted.limit, lifted.source, lifted.exceeded], [20, 'plan', false]);
  });
});

describe('what counts as a device', () => {
  it('counts several sessions of one browser (one device cookie) once', async () => {
    const owner = await signUp();
    await expectStatus(owner.first.signIn(owner.email, PASSWORD), 200);
    const tab = newBrowser();
    tab.cookies.set('allo_device', owner.first.cookies.get('allo_device') ?? '');
    await expectStatus(tab.signIn(owner.email, PASSWORD), 200);

    const list = await listOf(owner.first);
    assert.equal(list.sessions.length, 3);
    assert.equal(list.deviceLimit.count, 1);
    assert.equal(new Set(list.sessions.map((s: { deviceKey: string }) => s.deviceKey)).size, 1);
  });

  it('counts an app install sending the same X-Allo-Device once, each other install again', async () => {
    const owner = await signUp();
    for (const install of [newApp('install-A'), newApp('install-A')]) {
      await expectStatus(install.signIn(owner.email, PASSWORD), 200);
    }
    assert.equal((await deviceLimitOf(owner.first)).count, 2);

    for (const install of [newApp('install-B'), newApp(null), newApp(null)]) {
      await expectStatus(install.signIn(owner.email, PASSWORD), 200);
    }
    const limit = await deviceLimitOf(owner.first);
    assert.deepEqual([limit.count, limit.exceeded], [5, true]);
  });

  it('counts an app signed in through the browser (OAuth code) by its X-Allo-Device', async () => {
    const owner = await signUp();
    for (let i = 0; i < 2; i += 1) {
      const pkce = createPKCEPair();
      const { code } = await authorizeWithSession(owner.first, { challenge: pkce.challenge });
      const tokens = await redeemCode(newApp('desktop-install'), code, pkce);
      assert.equal(tokens.status, 200, tokens.text);
    }

    const list = await listOf(owner.first);
    assert.equal(list.sessions.length, 3);
    assert.equal(list.deviceLimit.count, 2);
  });

  it('refuses a malformed X-Allo-Device with invalid_device_header (400), creating nothing', async () => {
    const email = uniqueEmail();
    for (const deviceId of ['', 'x'.repeat(129), 'two words', 'café']) {
      const app = newApp(deviceId);
      const response = await expectStatus(app.signUp(email, PASSWORD), 400);
      assert.equal(response.body.code, 'invalid_device_header');
      assert.match(response.body.detail, /X-Allo-Device must be 1 to 128 visible ASCII/);
    }
    await expectStatus(newBrowser().signIn(email, PASSWORD), 401);
  });

  it('keeps the device cookie HttpOnly, Lax, for 400 days, through sign-out', async () => {
    const owner = await signUp();
    const browser = newBrowser();
    const signedIn = await expectStatus(browser.signIn(owner.email, PASSWORD), 200);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('allo_device='));
    assert.match(cookie ?? '', /^allo_device=[A-Za-z0-9_-]{22}; Max-Age=34560000; Path=\/;/);
    assert.match(cookie ?? '', /HttpOnly/);
    assert.match(cookie ?? '', /SameSite=Lax/);
    const deviceKey = signedIn.body.session.deviceKey;

    const out = await expectStatus(browser.request('POST', '/api/v1/sign-out'), 204);
    assert.equal(
      out.headers.getSetCookie().some((line) => line.startsWith('allo_device=')),
      false,
    );
    const again = await expectStatus(browser.signIn(owner.email, PASSWORD), 200);
    assert.equal(again.body.session.deviceKey, deviceKey);
    assert.equal(again.body.deviceLimit.count, 2);
  });

  it('points a session at a newer same-label session on another device', async () => {
    const owner = await signUp();
    server.clock.advanceSeconds(60);
    const reinstalled = newApp('install-2');
    await expectStatus(newApp('install-1').signIn(owner.email, PASSWORD), 200);
    server.clock.advanceSeconds(60);
    await expectStatus(reinstalled.signIn(owner.email, PASSWORD), 200);

    const { sessions } = await listOf(reinstalled);
    const [newer, older] = sessions.filter((s: { label: string }) => s.label.startsWith('ALLO'));
    assert.equal(older.possibleDuplicateOf, newer.id);
    assert.equal(newer.possibleDuplicateOf, null);
    assert.notEqual(older.deviceKey, newer.deviceKey);
    assert.match(newer.deviceKey, /^[A-Za-z0-9_-]{22}$/);
    assert.doesNotMatch(JSON.stringify(sessions), /install-/);
  });
});

describe('concurrent sign-ins at the limit', () => {
  it('counts 10 new devices signing in at once at limit - 1 exactly, ending nothing', async () => {
    const owner = await signUp();
    await signInBrowsers(owner, 1);
    const browsers = Array.from({ length: 10 }, () => newBrowser());

    const answers = await Promise.all(browsers.map((b) => b.signIn(owner.email, PASSWORD)));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
    const counts = answers.map((answer) => answer.body.deviceLimit.count as number);
    assert.ok(
      counts.every((count) => count >= 3 && count <= 12),
      `counts ${counts.join(',')}`,
    );

    const limit = await deviceLimitOf(owner.first);
    assert.deepEqual([limit.count, limit.exceeded], [12, true]);
    for (const browser of browsers)
      await expectStatus(browser.request('GET', '/api/v1/session'), 200);
    assert.equal((await listOf(owner.first)).sessions.length, 12);
  });

  it('counts 10 sign-ins of one app install at once as one device', async () => {
    const owner = await signUp();
    const installs = Array.from({ length: 10 }, () => newApp('one-install'));
    await Promise.all(installs.map((install) => install.signIn(owner.email, PASSWORD)));

    const list = await listOf(owner.first);
    assert.equal(list.sessions.length, 11);
    assert.equal(list.deviceLimit.count, 2);
  });
});

describe('the warning clears', () => {
  it('as soon as a sign-out brings the count back within the limit', async () => {
    const owner = await signUp();
    await signInBrowsers(owner, 2);
    const fourth = newApp('install-x');
    await expectStatus(fourth.signIn(owner.email, PASSWORD), 200);
    assert.equal((await deviceLimitOf(owner.first)).exceeded, true);

    await expectStatus(fourth.request('POST', '/api/v1/sign-out'), 204);
    assert.deepEqual(await deviceLimitOf(owner.first), {
      limit: 3,
      count: 3,
      source: 'plan',
      policyName: null,
      exceeded: false,
    });
  });
});

describe('device limits and seats', () => {
  it('leave seats, members and roles alone, and the warning never mentions seats', async () => {
    const admin = await signUp('olivia');
    const member = await signUp('mia');
    const workspaceId = await createWorkspace(admin, 'Design team', 10);
    await addMember(admin, workspaceId, member);
    const read = async (path: string) =>
      (
        await expectStatus(
          admin.first.request('GET', `/api/v1/workspaces/${workspaceId}${path}`),
          200,
        )
      ).text;
    const before = { seats: await read('/seats'), members: await read('/members') };

    await signInBrowsers(member, 3);
    const warned = await expectStatus(member.first.request('GET', '/api/v1/session'), 200);
    assert.equal(warned.body.deviceLimit.exceeded, true);

    assert.deepEqual({ seats: await read('/seats'), members: await read('/members') }, before);
    assert.doesNotMatch(JSON.stringify(warned.body.deviceLimit), /seat/i);
    assert.doesNotMatch(before.seats, /device|session/i);
    const page = await expectStatus(
      member.first.request('GET', '/settings/security/sessions'),
      200,
    );
    const warning = /<section class="device-limit"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    assert.match(warning, /4 devices are signed in;/);
    assert.doesNotMatch(warning, /seat/i);
  });
});

/** Reads the named events of a live stream, skipping comments, ids and other events. */
class DeviceLimitEvents {
  readonly #abort = new AbortController();
  readonly #decoder = new TextDecoder();
  #reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  #buffer = '';

  async open(client: TestClient): Promise<this> {
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers: Record<string, string> = client.token
      ? { authorization: `Bearer ${client.token}` }
      : { cookie };
    const url = `${server.baseUrl}/api/v1/session/events`;
    const response = await fetch(url, { headers, signal: this.#abort.signal });
    assert.equal(response.status, 200);
    this.#reader = response.body?.getReader() ?? null;
    return this;
  }

  /** The data of the next `device_limit` event; throws when none comes within the time. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async next(timeoutMillis = 2_000): Promise<any> {
    const deadline = Date.now() + timeoutMillis;
    for (;;) {
      const match = /(?:^|\n)event: device_limit\ndata: (.*)\n\n/.exec(this.#buffer);
      if (match) {
        this.#buffer = this.#buffer.slice((match.index ?? 0) + match[0].length);
        return JSON.parse(match[1] ?? 'null');
      }
      await this.#read(deadline - Date.now());
    }
  }

  close(): void {
    this.#abort.abort();
  }

  async #read(timeoutMillis: number): Promise<void> {
    if (this.#reader === null || timeoutMillis <= 0) throw new Error('no device_limit in time');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no device_limit in time')), timeoutMillis);
    });
    try {
      const chunk = await Promise.race([this.#reader.read(), timeout]);
      if (chunk.done) throw new Error('the stream ended');
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
  }
}

describe('GET /api/v1/session/events: device_limit', () => {
  it('tells open streams when a sign-in crosses the limit, and when a sign-out clears it', async () => {
    const owner = await signUp();
    await signInBrowsers(owner, 2);
    const stream = await new DeviceLimitEvents().open(owner.first);
    try {
      const fourth = newApp('install-x');
      await expectStatus(fourth.signIn(owner.email, PASSWORD), 200);
      const over = { limit: 3, count: 4, source: 'plan', policyName: null, exceeded: true };
      assert.deepEqual(await stream.next(), over);

      await expectStatus(fourth.request('POST', '/api/v1/sign-out'), 204);
      assert.deepEqual(await stream.next(), { ...over, count: 3, exceeded: false });
    } finally {
      stream.close();
    }
  });

  it('says nothing while the account stays within its limit', async () => {
    const owner = await signUp();
    const stream = await new DeviceLimitEvents().open(owner.first);
    try {
      await signInBrowsers(owner, 2);
      await assert.rejects(stream.next(300), /no device_limit in time/);
    } finally {
      stream.close();
    }
  });

  it('sends the warning once right after `: open` when the account is already over', async () => {
    const owner = await signUp();
    await signInBrowsers(owner, 3);
    const stream = await new DeviceLimitEvents().open(owner.first);
    try {
      assert.equal((await stream.next()).count, 4);
      await assert.rejects(stream.next(300), /no device_limit in time/);
    } finally {
      stream.close();
    }
  });
});

describe('GET /settings/security/sessions: the warning', () => {
  it('lists the other devices least recently active first, each with a sign-out form', async () => {
    const owner = await signUp();
    await signInBrowsers(owner, 2);
    await expectStatus(newApp('install-x').signIn(owner.email, PASSWORD), 200);

    const page = await expectStatus(owner.first.request('GET', '/settings/security/sessions'), 200);
    const warning = /<section class="device-limit"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    assert.match(
      warning,
      /4 devices are signed in;<\/strong> your Free plan expects at most\s+3\./,
    );
    assert.match(warning, /web browsers, the desktop app, mobile apps,\s+and old browsers/);
    const labels = [...warning.matchAll(/class="device-limit-label">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(labels, [
      'Chrome on Windows',
      'Chrome on Windows',
      'ALLO Desktop 4.2.0 on macOS',
    ]);
    assert.equal([...warning.matchAll(/<form method="post" action="[^"]+\/sign-out">/g)].length, 3);
    assert.equal([...warning.matchAll(/name="csrf" value="[^"]+"/g)].length, 3);
  });

  it('signs out every session of the device in one post, and the warning is gone', async () => {
    const owner = await signUp();
    const [second] = await signInBrowsers(owner, 2);
    const oldest = newApp('install-x');
    await expectStatus(oldest.signIn(owner.email, PASSWORD), 200);
    await expectStatus(newApp('install-x').signIn(owner.email, PASSWORD), 200);
    const deviceKey = (await listOf(oldest)).sessions[0].deviceKey;
    const secondId = second?.body.session.id;

    const page = await owner.first.request('GET', '/settings/security/sessions');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const path = `/settings/security/sessions/devices/${deviceKey}/sign-out`;
    const body = `csrf=${encodeURIComponent(csrf)}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await owner.first.request('POST', path, { body: 'csrf=forged', headers });
    assert.equal(forged.status, 403);

    const done = await expectStatus(owner.first.request('POST', path, { body, headers }), 200);
    assert.match(done.text, /Signed out ALLO Desktop 4\.2\.0 on macOS \(2 sessions\)\./);
    assert.doesNotMatch(done.text, /class="device-limit"/);
    await expectStatus(oldest.request('GET', '/api/v1/session'), 401);
    const list = await listOf(owner.first);
    assert.deepEqual([list.sessions.length, list.deviceLimit.exceeded], [3, false]);
    assert.ok(list.sessions.some((s: { id: string }) => s.id === secondId));
  });
});
