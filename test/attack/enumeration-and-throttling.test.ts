/**
 * Telling accounts apart from the outside, and guessing passwords: the timing of unknown
 * emails against wrong passwords, the answers of sign-up, password reset and the throttle,
 * and whether every way in is throttled alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULTS } from '../../src/config/config.js';
import { parseTrustedProxies } from '../../src/network/trusted-proxies.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, uniqueEmail, type TestServer } from '../support/test-server.js';
import {
  authorizeQuery,
  createPkce,
  createVictim,
  median,
  postForm,
  readCsrf,
  readPostFormFields,
  startAttackServer,
} from './attack-support.js';

/** Samples per kind of attempt. */
const SAMPLES = 30;

let server: TestServer;
let addressCounter = 0;

/** A client from an address of its own, so the per-address throttle never interferes. */
function freshClient(extra: { userAgent?: string } = {}): TestClient {
  addressCounter += 1;
  const address = `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
  return server.client({ ...extra, headers: { 'x-forwarded-for': address } });
}

before(async () => {
  server = await startAttackServer({
    trustedProxies: parseTrustedProxies('loopback'),
    signUpsPerAddressPerHour: DEFAULTS.signUpsPerAddressPerHour,
  });
});
after(() => server.close());

async function timeSignIn(email: string, password: string): Promise<[number, number]> {
  const client = freshClient();
  const started = performance.now();
  const answer = await client.signIn(email, password);
  return [performance.now() - started, answer.status];
}

async function timePageSignIn(email: string, password: string): Promise<[number, number]> {
  const client = freshClient();
  const csrf = readCsrf((await client.request('GET', '/sign-in')).text);
  const started = performance.now();
  const answer = await postForm(client, '/sign-in', { email, password, csrf });
  return [performance.now() - started, answer.status];
}

/** Wrong passwords spread over accounts, so none reaches its throttle threshold (5). */
async function timingSamples(
  attempt: (email: string, password: string) => Promise<[number, number]>,
): Promise<{ unknown: number[]; wrong: number[] }> {
  const accounts: string[] = [];
  for (let i = 0; i < Math.ceil(SAMPLES / 4); i++)
    accounts.push((await createVictim(server)).email);
  await attempt(uniqueEmail('warm-up'), 'not the password'); // the dummy hash is made once

  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const [unknownMillis, unknownStatus] = await attempt(uniqueEmail('nobody'), 'wrong-password-1');
    const [wrongMillis, wrongStatus] = await attempt(
      accounts[i % accounts.length] ?? '',
      'wrong-pass',
    );
    assert.equal(unknownStatus, 401);
    assert.equal(wrongStatus, 401);
    unknown.push(unknownMillis);
    wrong.push(wrongMillis);
  }
  return { unknown, wrong };
}

describe('timing: unknown email against wrong password', () => {
  for (const [name, attempt] of [
    ['API', timeSignIn],
    ['sign-in page', timePageSignIn],
  ] as const) {
    it(`${name}: medians of ${SAMPLES} each are within a factor of two`, async (t) => {
      const { unknown, wrong } = await timingSamples(attempt);
      const [a, b] = [median(unknown), median(wrong)];
      t.diagnostic(
        `${name}: unknown email median ${a.toFixed(1)} ms, wrong password ${b.toFixed(1)} ms`,
      );
      t.diagnostic(
        `${name}: difference ${(a - b).toFixed(1)} ms (${((a / b - 1) * 100).toFixed(1)} %)`,
      );
      assert.ok(a < 2 * b && b < 2 * a, `unknown ${a} ms against wrong ${b} ms`);
    });
  }
});

describe('answers that could tell accounts apart', () => {
  it('sign-in: the same problem for an unknown email and a wrong password', async () => {
    const victim = await createVictim(server);
    const unknown = await freshClient().signIn(uniqueEmail('nobody'), 'wrong-password-1');
    const wrong = await freshClient().signIn(victim.email, 'wrong-password-1');
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(unknown.headers.get('set-cookie'), wrong.headers.get('set-cookie'));
  });

  it('throttle: an unknown email is throttled after exactly as many failures as a real one', async () => {
    const victim = await createVictim(server);
    const nobody = uniqueEmail('nobody');
    const series = async (email: string): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await freshClient().signIn(email, 'wrong')).status);
      return statuses;
    };
    const real = await series(victim.email);
    assert.deepEqual(await series(nobody), real);
    assert.ok(real.includes(429), `never throttled: ${real.join(' ')}`);
  });

  it('password reset: the same 202 for an account and for no account, in similar time', async (t) => {
    const accounts: string[] = [];
    for (let i = 0; i < 8; i++) accounts.push((await createVictim(server)).email);
    const request = async (
      email: string,
    ): Promise<{ status: number; text: string; ms: number }> => {
      const started = performance.now();
      const answer = await freshClient().request('POST', '/api/v1/password-reset/request', {
        json: { email },
      });
      const ms = performance.now() - started;
      // Lets the emailing behind a known account finish, as a patient prober would.
      await new Promise((resolve) => setTimeout(resolve, 60));
      return { status: answer.status, text: answer.text, ms };
    };

    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const a = await request(accounts[i % accounts.length] ?? '');
      const b = await request(uniqueEmail('nobody'));
      assert.equal(a.status, 202);
      assert.deepEqual([b.status, b.text], [a.status, a.text]);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const [k, u] = [median(known), median(unknown)];
    t.diagnostic(`reset request: account median ${k.toFixed(1)} ms, no account ${u.toFixed(1)} ms`);
    assert.ok(k < 2.5 * u && u < 2.5 * k, `account ${k} ms against no account ${u} ms`);
  });

  it('forgot-password page: the same page for an account and for no account', async () => {
    const victim = await createVictim(server);
    const answers: string[] = [];
    for (const email of [victim.email, uniqueEmail('nobody')]) {
      const browser = freshClient();
      const csrf = readCsrf((await browser.request('GET', '/forgot-password')).text);
      const answer = await postForm(browser, '/forgot-password', { email, csrf });
      answers.push(`${answer.status} ${answer.text.replace(/value="[^"]*"/g, 'value=""')}`);
    }
    assert.equal(answers[0], answers[1]);
  });

  it('sign-up: a taken email is told apart (409), in any case or Unicode form, and nothing more', async () => {
    const victim = await createVictim(server);
    const [local, domain] = victim.email.split('@') as [string, string];
    const variants = [victim.email, victim.email.toUpperCase(), `ａ${local.slice(1)}@${domain}`];
    for (const email of variants) {
      const answer = await freshClient().signUp(email, PASSWORD);
      if (email.startsWith('ａ') && local[0] !== 'a') continue;
      assert.equal(answer.status, 409, email);
      assert.deepEqual(Object.keys(answer.body).sort(), [
        'code',
        'detail',
        'status',
        'title',
        'type',
      ]);
      assert.ok(!answer.text.includes(victim.browserSessionId));
    }
  });

  it('sign-up: one address cannot probe 30 emails for existence without being slowed', async () => {
    const prober = server.client({ headers: { 'x-forwarded-for': '203.0.113.99' } });
    const victims = [];
    for (let i = 0; i < 3; i++) victims.push(await createVictim(server));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const email = i % 10 === 0 ? victims[i / 10]?.email : uniqueEmail('probe');
      statuses.push((await prober.signUp(email ?? '', PASSWORD)).status);
    }
    assert.ok(statuses.includes(429), `no throttle: ${statuses.join(' ')}`);
  });
});

describe('every way in is throttled alike', () => {
  it('the sign-in page counts failures with the API: the sixth wrong password waits (429)', async () => {
    const victim = await createVictim(server);
    const browser = freshClient({ userAgent: USER_AGENTS.chromeWindows });
    const csrf = readCsrf((await browser.request('GET', '/sign-in')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const fields = { email: victim.email, password: `wrong-password-${i}`, csrf };
      statuses.push((await postForm(browser, '/sign-in', fields)).status);
    }
    assert.ok(statuses.includes(429), `page: ${statuses.join(' ')}`);
    const api = await freshClient().signIn(victim.email, 'wrong-password-x');
    assert.equal(api.status, 429, 'the API did not count the page failures');
  });

  it('the sign-in step of the authorization page is throttled too', async () => {
    const victim = await createVictim(server);
    const browser = freshClient();
    const query = authorizeQuery(createPkce().challenge);
    const page = await browser.request('GET', `/oauth/authorize?${query}`);
    const fields = readPostFormFields(page.text);
    assert.equal(fields.step, 'sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const attempt = { ...fields, email: victim.email, password: `wrong-password-${i}` };
      statuses.push((await postForm(browser, '/oauth/authorize', attempt)).status);
    }
    assert.ok(statuses.includes(429), `authorize page: ${statuses.join(' ')}`);
  });
});
