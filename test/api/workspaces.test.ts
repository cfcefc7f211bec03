import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import { PASSWORD, uniqueEmail } from '../support/test-server.js';
import {
  startWorkspaceTestServer,
  type WorkspaceTestServer,
} from '../support/workspace-test-server.js';

const ADMIN_TOKEN = 'an-operator-credential-for-the-workspace-tests';
const NEW_PASSWORD = 'Another-Horse-Battery-2';
let server: WorkspaceTestServer;
before(async () => {
  server = await startWorkspaceTestServer({ adminToken: ADMIN_TOKEN });
});
after(() => server.close());

/** An account signed in on one browser. */
interface Person {
  email: string;
  accountId: string;
  browser: TestClient;
}

async function signUp(name: string): Promise<Person> {
  const email = uniqueEmail(name);
  const browser = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const response = await browser.signUp(email, PASSWORD);
  assert.equal(response.status, 201);
  return { email, accountId: response.body.account.id, browser };
}

async function expectStatus(pending: Promise<TestResponse>, status: number): Promise<TestResponse> {
  const response = await pending;
  assert.equal(response.status, status, response.text);
  return response;
}

async function expectProblem(pending: Promise<TestResponse>, status: number, code: string) {
  const response = await expectStatus(pending, status);
  assert.equal(response.body.code, code);
  assert.equal(typeof response.body.detail, 'string');
}

async function createWorkspace(owner: Person, plan = 'team'): Promise<string> {
  const json = { name: 'Design team', plan };
  const response = await expectStatus(
    owner.browser.request('POST', '/api/v1/workspaces', { json }),
    201,
  );
  return response.body.id;
}

function addMember(actor: Person, workspaceId: string, who: Person, role: string) {
  const path = `/api/v1/workspaces/${workspaceId}/members`;
  return actor.browser.request('POST', path, { json: { email: who.email, role } });
}

function changeRole(actor: Person, workspaceId: string, who: Person, role: string) {
  const path = `/api/v1/workspaces/${workspaceId}/members/${who.accountId}`;
  return actor.browser.request('PATCH', path, { json: { role } });
}

function removeMember(actor: Person, workspaceId: string, who: Person) {
  const path = `/api/v1/workspaces/${workspaceId}/members/${who.accountId}`;
  return actor.browser.request('DELETE', path);
}

async function seatsOf(viewer: TestClient, workspaceId: string): Promise<TestResponse> {
  return expectStatus(viewer.request('GET', `/api/v1/workspaces/${workspaceId}/seats`), 200);
}

describe('POST /api/v1/workspaces', () => {
  it('creates a workspace on the plan given; the creator is its owner and holds one seat', async () => {
    const olivia = await signUp('olivia');
    const id = await createWorkspace(olivia, 'pro');

    const workspace = await expectStatus(
      olivia.browser.request('GET', `/api/v1/workspaces/${id}`),
      200,
    );
    assert.equal(workspace.body.name, 'Design team');
    assert.equal(workspace.body.plan, 'pro');
    assert.equal(workspace.body.role, 'owner');
    assert.equal(workspace.body.seatLimit, 10);
    assert.equal(workspace.body.deviceLimit, null);
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, { seatLimit: 10, seatCount: 1 });

    const mine = await expectStatus(olivia.browser.request('GET', '/api/v1/workspaces'), 200);
    assert.deepEqual(
      mine.body.workspaces.map((each: { id: string; role: string }) => [each.id, each.role]),
      [[id, 'owner']],
    );
  });

  it('starts on Free, refuses an unknown plan, and needs a session', async () => {
    const olivia = await signUp('olivia');
    const free = await olivia.browser.request('POST', '/api/v1/workspaces', {
      json: { name: 'Solo' },
    });
    assert.equal(free.body.plan, 'free');
    assert.equal(free.body.seatLimit, 3);

    const json = { name: 'Solo', plan: 'platinum' };
    await expectProblem(
      olivia.browser.request('POST', '/api/v1/workspaces', { json }),
      400,
      'invalid_request',
    );
    const anonymous = server
      .client()
      .request('POST', '/api/v1/workspaces', { json: { name: 'x' } });
    await expectProblem(anonymous, 401, 'unauthenticated');
  });
});

describe('workspace authorisation', () => {
  it('answers 404 workspace_not_found to a non-member on every route, exactly as for no workspace', async () => {
    const olivia = await signUp('olivia');
    const stranger = await signUp('stranger');
    const id = await createWorkspace(olivia);
    const link = await olivia.browser.request('POST', `/api/v1/workspaces/${id}/share-links`, {
      json: { canvasId: 'roadmap' },
    });
    const before = await snapshot(olivia.browser, id);

    for (const [method, path, json] of everyRoute(id, olivia.accountId, link.body.id)) {
      const response = await stranger.browser.request(method, path, { json });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.body.code, 'workspace_not_found', `${method} ${path}`);
      const missing = await stranger.browser.request(method, path.replace(id, 'wsp_missing'), {
        json,
      });
      assert.deepEqual(missing.body, response.body, `${method} ${path}`);
    }

    assert.deepEqual(await snapshot(olivia.browser, id), before);
    const theirs = await stranger.browser.request('GET', '/api/v1/workspaces');
    assert.deepEqual(theirs.body.workspaces, []);
  });

  it('lets a member see the workspace but not change roles, members, settings or links (403)', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const gus = await signUp('gus');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, mia, 'member'), 201);
    await expectStatus(addMember(olivia, id, gus, 'guest'), 201);

    await expectStatus(mia.browser.request('GET', `/api/v1/workspaces/${id}`), 200);
    await expectStatus(mia.browser.request('GET', `/api/v1/workspaces/${id}/members`), 200);
    await expectProblem(changeRole(mia, id, gus, 'member'), 403, 'forbidden');
    await expectProblem(changeRole(mia, id, mia, 'admin'), 403, 'forbidden');
    await expectProblem(addMember(mia, id, await signUp('nia'), 'guest'), 403, 'forbidden');
    await expectProblem(removeMember(mia, id, gus), 403, 'forbidden');
    const rename = mia.browser.request('PATCH', `/api/v1/workspaces/${id}`, {
      json: { name: 'Mine' },
    });
    await expectProblem(rename, 403, 'forbidden');
    await expectProblem(
      mia.browser.request('GET', `/api/v1/workspaces/${id}/share-links`),
      403,
      'forbidden',
    );

    const members = await olivia.browser.request('GET', `/api/v1/workspaces/${id}/members`);
    assert.deepEqual(rolesOf(members.body.members), {
      [olivia.email]: 'owner',
      [mia.email]: 'member',
      [gus.email]: 'guest',
    });
  });

  it('lets an admin add members and guests, but only an owner grants or removes admin and owner', async () => {
    const olivia = await signUp('olivia');
    const adam = await signUp('adam');
    const mia = await signUp('mia');
    const gus = await signUp('gus');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, adam, 'admin'), 201);

    const added = await expectStatus(addMember(adam, id, mia, 'member'), 201);
    assert.equal(added.body.role, 'member');
    assert.equal(added.body.email, mia.email);
    await expectStatus(addMember(adam, id, gus, 'guest'), 201);
    await expectStatus(changeRole(adam, id, gus, 'member'), 200);

    await expectProblem(changeRole(adam, id, mia, 'admin'), 403, 'forbidden');
    await expectProblem(changeRole(adam, id, olivia, 'member'), 403, 'forbidden');
    await expectProblem(addMember(adam, id, await signUp('ada'), 'admin'), 403, 'forbidden');
    await expectProblem(removeMember(adam, id, olivia), 403, 'forbidden');

    const promoted = await expectStatus(changeRole(olivia, id, mia, 'admin'), 200);
    assert.equal(promoted.body.role, 'admin');
    await expectProblem(changeRole(adam, id, mia, 'member'), 403, 'forbidden');
    await expectStatus(removeMember(olivia, id, mia), 204);
  });

  it('keeps the last owner (409 last_owner) until another owner exists', async () => {
    const olivia = await signUp('olivia');
    const otto = await signUp('otto');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, otto, 'member'), 201);

    await expectProblem(changeRole(olivia, id, olivia, 'admin'), 409, 'last_owner');
    await expectProblem(removeMember(olivia, id, olivia), 409, 'last_owner');

    await expectStatus(changeRole(olivia, id, otto, 'owner'), 200);
    await expectStatus(changeRole(olivia, id, olivia, 'member'), 200);
    await expectProblem(changeRole(otto, id, otto, 'member'), 409, 'last_owner');
  });

  it('lets a member leave, and then they see nothing', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, mia, 'member'), 201);

    await expectStatus(removeMember(mia, id, mia), 204);
    await expectProblem(
      mia.browser.request('GET', `/api/v1/workspaces/${id}`),
      404,
      'workspace_not_found',
    );
  });

  it('answers member_not_found for an unknown email or member, and already_member for a member', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const id = await createWorkspace(olivia);
    const nobody = {
      email: uniqueEmail('nobody'),
      accountId: 'acc_nobody',
      browser: olivia.browser,
    };

    await expectProblem(addMember(olivia, id, nobody, 'member'), 404, 'member_not_found');
    await expectProblem(changeRole(olivia, id, nobody, 'guest'), 404, 'member_not_found');
    const shouting = { ...mia, email: mia.email.toUpperCase() };
    await expectStatus(addMember(olivia, id, shouting, 'member'), 201);
    await expectProblem(addMember(olivia, id, mia, 'guest'), 409, 'already_member');
  });
});

describe('seats', () => {
  it('counts members and admins, never guests; a full plan refuses another seat (409)', async () => {
    const olivia = await signUp('olivia');
    const [mia, max, nia, gus] = await Promise.all(['mia', 'max', 'nia', 'gus'].map(signUp));
    const id = await createWorkspace(olivia, 'free');
    await expectStatus(addMember(olivia, id, mia!, 'member'), 201);
    await expectStatus(addMember(olivia, id, max!, 'admin'), 201);

    const full = addMember(olivia, id, nia!, 'member');
    await expectProblem(full, 409, 'seat_limit_reached');
    await expectStatus(addMember(olivia, id, gus!, 'guest'), 201);
    await expectProblem(changeRole(olivia, id, gus!, 'member'), 409, 'seat_limit_reached');
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, { seatLimit: 3, seatCount: 3 });

    const upgrade = olivia.browser.request('PATCH', `/api/v1/workspaces/${id}`, {
      json: { plan: 'pro' },
    });
    assert.equal((await expectStatus(upgrade, 200)).body.seatLimit, 10);
    await expectStatus(changeRole(olivia, id, gus!, 'member'), 200);
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, { seatLimit: 10, seatCount: 4 });
  });

  it('refuses a plan with fewer seats than members hold', async () => {
    const olivia = await signUp('olivia');
    const id = await createWorkspace(olivia, 'team');
    for (const name of ['mia', 'max', 'nia']) {
      await expectStatus(addMember(olivia, id, await signUp(name), 'member'), 201);
    }
    const patch = olivia.browser.request('PATCH', `/api/v1/workspaces/${id}`, {
      json: { plan: 'free' },
    });
    await expectProblem(patch, 409, 'seat_limit_reached');
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, { seatLimit: 50, seatCount: 4 });
  });

  it('counts one seat for a member however many sessions and devices they have', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, mia, 'member'), 201);
    const before = (await seatsOf(olivia.browser, id)).body;

    const devices = await signInOnDevices(mia.email);
    await signInOnDevices(mia.email);
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, before);
    assert.deepEqual((await seatsOf(devices.phone, id)).body, before);

    await expectStatus(devices.desktop.request('POST', '/api/v1/sessions/sign-out-all'), 200);
    assert.deepEqual((await seatsOf(olivia.browser, id)).body, before);
  });

  it('never mentions devices or sessions in the seat view', async () => {
    const olivia = await signUp('olivia');
    const id = await createWorkspace(olivia);
    const seats = await seatsOf(olivia.browser, id);
    assert.deepEqual(Object.keys(seats.body).sort(), ['seatCount', 'seatLimit']);
    assert.doesNotMatch(seats.text, /device|session/i);

    const openApi = await server.client().request('GET', '/openapi.json');
    const described = JSON.stringify(openApi.body.paths['/api/v1/workspaces/{id}/seats']);
    assert.doesNotMatch(described, /device|session/i);
  });
});

describe('share links', () => {
  it('shows the secret once on create, lists live links without it, and revokes', async () => {
    const olivia = await signUp('olivia');
    const id = await createWorkspace(olivia);
    const path = `/api/v1/workspaces/${id}/share-links`;

    const created = await expectStatus(
      olivia.browser.request('POST', path, { json: { canvasId: 'roadmap' } }),
      201,
    );
    assert.match(created.body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(created.body.canvasId, 'roadmap');
    assert.equal(created.body.createdBy, olivia.accountId);
    server.clock.advanceSeconds(1);
    await expectStatus(
      olivia.browser.request('POST', path, { json: { canvasId: 'mood-board' } }),
      201,
    );

    const listed = await expectStatus(olivia.browser.request('GET', path), 200);
    assert.deepEqual(
      listed.body.shareLinks.map((link: { canvasId: string }) => link.canvasId),
      ['roadmap', 'mood-board'],
    );
    assert.equal(listed.text.includes(created.body.token), false);
    assert.doesNotMatch(listed.text, /token|hash/i);

    await expectStatus(olivia.browser.request('DELETE', `${path}/${created.body.id}`), 204);
    const after = await expectStatus(olivia.browser.request('GET', path), 200);
    assert.deepEqual(
      after.body.shareLinks.map((link: { canvasId: string }) => link.canvasId),
      ['mood-board'],
    );
    await expectProblem(
      olivia.browser.request('DELETE', `${path}/${created.body.id}`),
      404,
      'share_link_not_found',
    );
  });

  it("answers share_link_not_found for another workspace's link, which stays live", async () => {
    const olivia = await signUp('olivia');
    const first = await createWorkspace(olivia);
    const second = await createWorkspace(olivia);
    const link = await olivia.browser.request('POST', `/api/v1/workspaces/${first}/share-links`, {
      json: { canvasId: 'roadmap' },
    });

    const wrong = olivia.browser.request(
      'DELETE',
      `/api/v1/workspaces/${second}/share-links/${link.body.id}`,
    );
    await expectProblem(wrong, 404, 'share_link_not_found');
    const listed = await olivia.browser.request('GET', `/api/v1/workspaces/${first}/share-links`);
    assert.equal(listed.body.shareLinks.length, 1);
  });
});

describe('device-limit policy', () => {
  it('is set by admins on the workspace and listed for each member', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const id = await createWorkspace(olivia, 'enterprise');
    const other = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, mia, 'member'), 201);
    await expectStatus(addMember(olivia, other, mia, 'guest'), 201);

    const json = { deviceLimit: 2 };
    const patched = await expectStatus(
      olivia.browser.request('PATCH', `/api/v1/workspaces/${id}`, { json }),
      200,
    );
    assert.equal(patched.body.deviceLimit, 2);
    assert.deepEqual(await server.workspaceStore.listMemberPolicies(mia.accountId), [
      { workspaceId: id, workspaceName: 'Design team', deviceLimit: 2 },
    ]);

    const cleared = { deviceLimit: null };
    await expectStatus(
      olivia.browser.request('PATCH', `/api/v1/workspaces/${id}`, { json: cleared }),
      200,
    );
    assert.deepEqual(await server.workspaceStore.listMemberPolicies(mia.accountId), []);
    const zero = olivia.browser.request('PATCH', `/api/v1/workspaces/${id}`, {
      json: { deviceLimit: 0 },
    });
    await expectProblem(zero, 400, 'invalid_request');
  });
});

describe('GET /settings/workspaces', () => {
  it('shows my workspaces with members, roles and seats, and links only to those who manage them', async () => {
    const olivia = await signUp('olivia');
    const mia = await signUp('mia');
    const id = await createWorkspace(olivia);
    await expectStatus(addMember(olivia, id, mia, 'member'), 201);
    await olivia.browser.request('POST', `/api/v1/workspaces/${id}/share-links`, {
      json: { canvasId: 'roadmap' },
    });

    const page = await expectStatus(olivia.browser.request('GET', '/settings/workspaces'), 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.text, /Design team/);
    assert.ok(page.text.includes(mia.email));
    assert.match(page.text, /2 of 50 seats taken/);
    assert.match(page.text, /Canvas roadmap/);
    const seats = /<div class="seats">[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
    assert.match(seats, /seats taken/);
    assert.doesNotMatch(seats, /device|session/i);

    const asMember = await expectStatus(mia.browser.request('GET', '/settings/workspaces'), 200);
    assert.match(asMember.text, /Design team/);
    assert.doesNotMatch(asMember.text, /Canvas roadmap/);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await server.client().request('GET', '/settings/workspaces');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/sign-in');
  });
});

/** One account signed in on a browser, the desktop app and a phone. */
interface Devices {
  email: string;
  chrome: TestClient;
  desktop: TestClient;
  phone: TestClient;
}

async function signInOnDevices(email: string): Promise<Devices> {
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  const desktop = server.client({ userAgent: USER_AGENTS.desktopMac, alloClient: 'desktop/4.2.0' });
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3' });
  for (const device of [chrome, desktop, phone]) {
    server.clock.advanceSeconds(60);
    await expectStatus(device.signIn(email, PASSWORD), 200);
  }
  return { email, chrome, desktop, phone };
}

/**
 * A way for an account's sessions to end. Adding one is one entry here; one that changes the
 * password answers the new one, so the owner can sign in again with it.
 */
type SignOut = (actor: Devices) => Promise<{ newPassword: string } | unknown>;

const SIGN_OUTS: ReadonlyArray<[string, SignOut]> = [
  ['one session', signOutOneSession],
  ['other sessions', ({ chrome }) => signOutAll(chrome, { keepCurrent: true })],
  ['all devices', ({ chrome }) => signOutAll(chrome, {})],
  ['this device', ({ desktop }) => expectStatus(desktop.request('POST', '/api/v1/sign-out'), 204)],
  ['one device from the device-limit warning', signOutOneDevice],
  ['a password change', changePassword],
  ['an admin ending all their sessions', endAllAsAdmin],
];

async function changePassword({ chrome }: Devices): Promise<{ newPassword: string }> {
  const json = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
  await expectStatus(chrome.request('POST', '/api/v1/account/password', { json }), 200);
  return { newPassword: NEW_PASSWORD };
}

async function endAllAsAdmin({ email }: Devices): Promise<void> {
  const path = `/api/v1/admin/accounts/${encodeURIComponent(email)}/sessions/sign-out-all`;
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
  await expectStatus(server.client().request('POST', path, { headers }), 200);
}

async function signOutOneSession({ chrome }: Devices): Promise<void> {
  const list = await expectStatus(chrome.request('GET', '/api/v1/sessions'), 200);
  const other = list.body.sessions.find((session: { current: boolean }) => !session.current);
  await expectStatus(chrome.request('DELETE', `/api/v1/sessions/${other.id}`), 204);
}

/** The warning's one-click form on Active sessions: every session of the phone's device. */
async function signOutOneDevice({ chrome, phone }: Devices): Promise<void> {
  const own = await expectStatus(phone.request('GET', '/api/v1/session'), 200);
  const page = await expectStatus(chrome.request('GET', '/settings/security/sessions'), 200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const path = `/settings/security/sessions/devices/${own.body.session.deviceKey}/sign-out`;
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = `csrf=${encodeURIComponent(csrf)}`;
  await expectStatus(chrome.request('POST', path, { body, headers }), 200);
}

function signOutAll(device: TestClient, json: { keepCurrent?: boolean }): Promise<TestResponse> {
  return expectStatus(device.request('POST', '/api/v1/sessions/sign-out-all', { json }), 200);
}

describe('sessions never touch workspaces', () => {
  for (const [name, signOut] of SIGN_OUTS) {
    it(`signing out ${name} changes no membership, role, seat, share link or content`, async () => {
      const world = await buildWorld();
      const before = await contractState(world);
      const liveBefore = await countLiveDevices(world.admin);

      const outcome = await signOut(world.admin);
      const password = (outcome as { newPassword?: string } | undefined)?.newPassword ?? PASSWORD;

      assert.ok((await countLiveDevices(world.admin)) < liveBefore, 'something was signed out');
      assert.deepEqual(await contractState(world), before);
      const again = server.client({ userAgent: USER_AGENTS.firefoxLinux });
      await expectStatus(again.signIn(world.admin.email, password), 200);
      const seen = await expectStatus(again.request('GET', `/api/v1/workspaces/${world.id}`), 200);
      assert.equal(seen.body.role, 'admin');
      assert.equal(seen.body.content, before.workspace.content);
      assert.equal(before.policies[0]?.deviceLimit, 3);
    });
  }
});

/** A workspace with an owner, an admin on three devices, a member, a guest, links and content. */
async function buildWorld() {
  const owner = await signUp('olivia');
  const adminPerson = await signUp('adam');
  const id = await createWorkspace(owner);
  await expectStatus(addMember(owner, id, adminPerson, 'admin'), 201);
  await expectStatus(addMember(owner, id, await signUp('mia'), 'member'), 201);
  await expectStatus(addMember(owner, id, await signUp('gus'), 'guest'), 201);

  const admin = await signInOnDevices(adminPerson.email);
  const content = JSON.stringify({ canvases: [{ id: 'roadmap', shapes: 12 }] });
  const patch = { content, deviceLimit: 3 };
  await expectStatus(
    admin.chrome.request('PATCH', `/api/v1/workspaces/${id}`, { json: patch }),
    200,
  );
  const links = `/api/v1/workspaces/${id}/share-links`;
  await expectStatus(admin.phone.request('POST', links, { json: { canvasId: 'roadmap' } }), 201);
  await expectStatus(
    admin.desktop.request('POST', links, { json: { canvasId: 'mood-board' } }),
    201,
  );
  return { id, owner, admin, adminId: adminPerson.accountId };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** The snapshot plus the admin's device-limit policies, read behind the API. */
async function contractState(world: World) {
  const policies = await server.workspaceStore.listMemberPolicies(world.adminId);
  return { ...(await snapshot(world.owner.browser, world.id)), policies };
}

/** Everything a sign-out must leave alone, as an owner sees it. */
async function snapshot(viewer: TestClient, id: string) {
  const read = async (path: string) =>
    (await expectStatus(viewer.request('GET', `/api/v1/workspaces/${id}${path}`), 200)).body;
  return {
    workspace: await read(''),
    members: await read('/members'),
    seats: await read('/seats'),
    shareLinks: await read('/share-links'),
  };
}

async function countLiveDevices(devices: Devices): Promise<number> {
  const answers = await Promise.all(
    [devices.chrome, devices.desktop, devices.phone].map((device) =>
      device.request('GET', '/api/v1/session'),
    ),
  );
  return answers.filter((answer) => answer.status === 200).length;
}

function rolesOf(members: Array<{ email: string; role: string }>): Record<string, string> {
  return Object.fromEntries(members.map((member) => [member.email, member.role]));
}

function everyRoute(
  id: string,
  accountId: string,
  linkId: string,
): Array<[string, string, unknown]> {
  const base = `/api/v1/workspaces/${id}`;
  return [
    ['GET', base, undefined],
    ['PATCH', base, { name: 'Mine now' }],
    ['GET', `${base}/members`, undefined],
    ['POST', `${base}/members`, { email: uniqueEmail('x'), role: 'member' }],
    ['PATCH', `${base}/members/${accountId}`, { role: 'guest' }],
    ['DELETE', `${base}/members/${accountId}`, undefined],
    ['GET', `${base}/seats`, undefined],
    ['GET', `${base}/share-links`, undefined],
    ['POST', `${base}/share-links`, { canvasId: 'taken' }],
    ['DELETE', `${base}/share-links/${linkId}`, undefined],
  ];
}
