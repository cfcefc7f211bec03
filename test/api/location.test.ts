import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { GeoLocator } from '../../src/geo/geo-locator.js';
import { DBIP_ATTRIBUTION, LOCATION_CAVEAT } from '../../src/geo/location-caveat.js';
import { openConfiguredGeoLocator } from '../../src/geo/open-configured-geo-locator.js';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import { USER_AGENTS, type TestClient, type TestResponse } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

/** The test client connects from loopback, so this makes it a trusted proxy. */
const TRUST_LOOPBACK = { trustedProxies: parseTrustedProxies('127.0.0.1') };
/** Loading the shipped files takes about 100 ms; this only guards against a hang. */
const GEO_LOAD_TIMEOUT_MILLIS = 30_000;
const DAY_SECONDS = 24 * 60 * 60;

/** Resolves to London in the shipped DB-IP Lite database. */
const LONDON_IP = '81.2.69.160';
/** Resolves to Lisbon in the shipped DB-IP Lite database. */
const LISBON_IP = '193.136.0.1';
const LONDON = {
  city: 'London',
  region: 'England',
  country: 'United Kingdom',
  countryCode: 'GB',
};

let geo: GeoLocator;
let trusted: TestServer;
let untrusted: TestServer;

before(async () => {
  geo = openConfiguredGeoLocator(
    { geoCityDatabasePath: null, geoAsnDatabasePath: null },
    (message) => assert.fail(message),
  );
  await geo.whenReady(GEO_LOAD_TIMEOUT_MILLIS);
  assert.equal(geo.status, 'ready');
  trusted = await startTestServer(TRUST_LOOPBACK, { geo });
  untrusted = await startTestServer({}, { geo });
});

after(async () => {
  await trusted?.close();
  await untrusted?.close();
});

/** A phone app signed up through the server, sending `headers` with every request. */
async function signUpFrom(
  server: TestServer,
  headers: Record<string, string>,
): Promise<TestClient> {
  const phone = server.client({ userAgent: USER_AGENTS.iosApp, alloClient: 'ios/5.1.3', headers });
  const response = await phone.signUp(uniqueEmail(), PASSWORD);
  assert.equal(response.status, 201, response.text);
  return phone;
}

async function listSessions(
  client: TestClient,
  headers?: Record<string, string>,
): Promise<TestResponse> {
  const response = await client.request('GET', '/api/v1/sessions', { headers });
  assert.equal(response.status, 200, response.text);
  return response;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ownSession(client: TestClient, headers?: Record<string, string>): Promise<any> {
  const [own] = (await listSessions(client, headers)).body.sessions;
  assert.equal(own.current, true);
  return own;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function otherSession(client: TestClient): Promise<any> {
  const sessions = (await listSessions(client)).body.sessions;
  return sessions.find((each: { current: boolean }) => !each.current);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ownSessionFrom(server: TestServer, headers: Record<string, string>): Promise<any> {
  return ownSession(await signUpFrom(server, headers));
}

function fromIp(ip: string): Record<string, string> {
  return { 'x-forwarded-for': ip };
}

describe('GET /api/v1/sessions: address behind a trusted proxy', () => {
  it('takes X-Forwarded-For from a trusted proxy and places it near London', async () => {
    const phone = await signUpFrom(trusted, fromIp(LONDON_IP));
    const { body } = await listSessions(phone);
    const [own] = body.sessions;

    assert.equal(own.ip, LONDON_IP);
    assert.deepEqual(own.location, LONDON);
    assert.deepEqual(own.signInLocation, LONDON);
    assert.match(own.locationHint, /^Near London, /);
    assert.equal(own.placeChange, null);
    assert.equal(own.network, null);
    assert.equal(own.networkHint, null);
    assert.equal(body.locationCaveat, LOCATION_CAVEAT);
    assert.equal(body.locationAttribution, DBIP_ATTRIBUTION);
  });

  it('walks the list right to left, skipping trusted hops, ignoring client-written ones', async () => {
    const forwardedFor = `198.51.100.1, ${LONDON_IP}, 127.0.0.1`;
    const own = await ownSessionFrom(trusted, { 'x-forwarded-for': forwardedFor });

    assert.equal(own.ip, LONDON_IP);
    assert.equal(own.location.city, 'London');
  });

  it('reads RFC 7239 Forwarded, with a quoted IPv6 address and port', async () => {
    const own = await ownSessionFrom(trusted, { forwarded: 'for="[2001:db8::7]:443"' });

    assert.equal(own.ip, '2001:db8::7');
    assert.equal(own.location, null);
  });

  it('drops ports and shows IPv4-mapped IPv6 as IPv4', async () => {
    for (const forwardedFor of [`${LONDON_IP}:53122`, `::ffff:${LONDON_IP}`]) {
      const own = await ownSessionFrom(trusted, { 'x-forwarded-for': forwardedFor });
      assert.equal(own.ip, LONDON_IP, forwardedFor);
      assert.equal(own.location.countryCode, 'GB', forwardedFor);
    }
  });

  it('places a public IPv6 address', async () => {
    const own = await ownSessionFrom(trusted, { 'x-forwarded-for': '2a00:1450:4001:80e::200e' });

    assert.equal(own.ip, '2a00:1450:4001:80e::200e');
    assert.equal(own.location.country, 'Germany');
  });

  it('gives no address and no place for a garbage header, and no error', async () => {
    for (const forwardedFor of ['<script>', 'unknown', `${LONDON_IP}, not-an-ip`]) {
      const own = await ownSessionFrom(trusted, { 'x-forwarded-for': forwardedFor });
      assert.equal(own.ip, null, forwardedFor);
      assert.equal(own.location, null, forwardedFor);
      assert.equal(own.locationHint, null, forwardedFor);
    }
  });

  it('gives no place for private, loopback, link-local, CGNAT and documentation ranges', async () => {
    const addresses = ['10.1.2.3', '192.168.0.5', '100.64.0.1', '169.254.1.1', '203.0.113.7'];
    for (const ip of [...addresses, 'fd00::1', '2001:db8::1']) {
      const own = await ownSessionFrom(trusted, { 'x-forwarded-for': ip });
      assert.equal(own.ip, ip);
      assert.equal(own.location, null, ip);
      assert.equal(own.signInLocation, null, ip);
    }
  });

  it('believes X-Forwarded-Proto from the trusted proxy only', async () => {
    const headers = { 'x-forwarded-for': LONDON_IP, 'x-forwarded-proto': 'https' };
    for (const [server, cookie] of [
      [trusted, /^__Host-allo_session=.*; Secure/i],
      [untrusted, /^allo_session=/],
    ] as const) {
      const browser = server.client({ userAgent: USER_AGENTS.firefoxLinux, headers });
      const response = await browser.signUp(uniqueEmail(), PASSWORD);
      assert.match(response.headers.getSetCookie()[0] ?? '', cookie);
    }
  });
});

describe('GET /api/v1/sessions: address without a trusted proxy', () => {
  it('ignores forwarding headers and shows the socket address without a place', async () => {
    const headers = { 'x-forwarded-for': LONDON_IP, forwarded: `for=${LONDON_IP}` };
    const own = await ownSessionFrom(untrusted, headers);

    assert.equal(own.ip, '127.0.0.1');
    assert.equal(own.location, null);
    assert.equal(own.locationHint, null);
  });
});

describe('GET /api/v1/sessions: a session that moved', () => {
  it('records a new address with the coalesced activity write and shows both places', async () => {
    const phone = await signUpFrom(trusted, fromIp(LONDON_IP));
    const fromLisbon = fromIp(LISBON_IP);

    trusted.clock.advanceSeconds(10);
    assert.equal((await ownSession(phone, fromLisbon)).ip, LONDON_IP);

    trusted.clock.advanceSeconds(61);
    const own = await ownSession(phone, fromLisbon);
    assert.equal(own.ip, LISBON_IP);
    assert.equal(own.location.city, 'Lisbon');
    assert.equal(own.location.countryCode, 'PT');
    assert.deepEqual(own.signInLocation, LONDON);
    assert.equal(own.placeChange, 'Signed in near London · last seen near Lisbon');
  });
});

describe('stored address retention', () => {
  let server: TestServer;
  before(async () => {
    // Lifetimes longer than the retention period, so an idle session is still listed.
    const lifetimes = {
      sessionIdleSeconds: 60 * DAY_SECONDS,
      sessionAbsoluteSeconds: 90 * DAY_SECONDS,
    };
    server = await startTestServer({ ...TRUST_LOOPBACK, ...lifetimes }, { geo });
  });
  after(() => server.close());

  it('truncates addresses of sessions inactive past the period, keeping their place', async () => {
    const email = uniqueEmail();
    const idle = server.client({ alloClient: 'ios/5.1.3', headers: fromIp(LONDON_IP) });
    // A browser: an app's 15-minute access token would need refreshing across these days.
    const active = server.client({
      userAgent: USER_AGENTS.firefoxLinux,
      headers: fromIp(LISBON_IP),
    });
    assert.equal((await idle.signUp(email, PASSWORD)).status, 201);
    assert.equal((await active.signIn(email, PASSWORD)).status, 200);
    const truncate = (): Promise<number> => server.built.services.sessions.truncateStaleAddresses();

    server.clock.advanceSeconds(29 * DAY_SECONDS);
    assert.equal(await truncate(), 0);
    assert.equal((await otherSession(active)).ip, LONDON_IP);

    server.clock.advanceSeconds(2 * DAY_SECONDS);
    assert.equal(await truncate(), 1);
    const truncated = await otherSession(active);
    assert.equal(truncated.ip, '81.2.69.0');
    assert.deepEqual(truncated.location, LONDON);
    assert.deepEqual(truncated.signInLocation, LONDON);
    assert.equal((await ownSession(active)).ip, LISBON_IP);
    assert.equal(await truncate(), 0);
  });
});

describe('a missing city database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'allo-geo-'));
  const settings = { geoCityDatabasePath: join(dir, 'missing.mmdb'), geoAsnDatabasePath: null };
  const warnings: string[] = [];
  let server: TestServer;

  before(async () => {
    const missing = openConfiguredGeoLocator(settings, (message) => warnings.push(message));
    await missing.whenReady(GEO_LOAD_TIMEOUT_MILLIS);
    server = await startTestServer({ ...TRUST_LOOPBACK, ...settings }, { geo: missing });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('warns once, and the service runs with addresses but without places', async () => {
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /missing\.mmdb \(file not found\)/);

    const phone = await signUpFrom(server, fromIp(LONDON_IP));
    const { body } = await listSessions(phone);
    assert.equal(body.sessions[0].ip, LONDON_IP);
    assert.equal(body.sessions[0].location, null);
    assert.equal(body.locationAttribution, null);
  });
});

describe('allo-sessions geo', () => {
  const run = promisify(execFile);
  const cli = join(import.meta.dirname, '../../bin/allo-sessions.js');
  const env = { ...process.env, ALLO_GEOIP_CITY_DB: '', ALLO_GEOIP_ASN_DB: '' };

  it('shows the address, its place with the caveat, and the database status', async () => {
    const { stdout } = await run(process.execPath, [cli, 'geo', `::ffff:${LONDON_IP}`], { env });

    assert.match(stdout, /^Address: +81\.2\.69\.160$/m);
    assert.match(stdout, /^Public: +yes$/m);
    assert.match(stdout, /^Place: +Near London, England, United Kingdom$/m);
    assert.ok(stdout.includes(LOCATION_CAVEAT));
    assert.match(stdout, /^City DB: +ready \(shipped DB-IP Lite\)$/m);
    assert.match(stdout, /^ASN DB: +not configured/m);
  });

  it('exits with 2 and the usage when the address is missing', async () => {
    await assert.rejects(run(process.execPath, [cli, 'geo'], { env }), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      return failure.code === 2 && failure.stderr.includes('Usage: allo-sessions geo <ip>');
    });
  });
});
