/**
 * The storage conformance suite: what every {@link Store} must do, whatever database is
 * behind it. Each backend's test file runs it against its own fresh database.
 * @module
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../src/accounts/account.js';
import { generateId, generateSecretToken, hashSecretToken } from '../../src/domain/secret-token.js';
import type { LiveWindow, Revocation, Session } from '../../src/sessions/session.js';
import type { Store } from '../../src/storage/store.js';

/** A store opened for the suite, with the migrations that opening it applied. */
export interface OpenedTestStore {
  store: Store;
  applied: readonly string[];
  close(): Promise<void>;
}

/** Opens the suite's database; every call opens the same one, empty before the first call. */
export type OpenTestStore = () => Promise<OpenedTestStore>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** An instant well past 2^32 ms, so 32-bit truncation of a bigint would show. */
const NOW = Date.UTC(2026, 2, 12, 9, 0, 0);
const WINDOW: LiveWindow = { nowMillis: NOW, activeSinceMillis: NOW - 14 * DAY };
/** The latest instant a JavaScript Date can hold: the widest time the service may store. */
const LATEST_DATE_MILLIS = 8_640_000_000_000_000;

/** Sessions on either side of each limit of {@link WINDOW}. */
const BOUNDARIES: ReadonlyArray<{ title: string; live: boolean; overrides: Partial<Session> }> = [
  { title: 'expires_at = now', live: false, overrides: { expiresAt: NOW } },
  { title: 'expires_at = now + 1', live: true, overrides: { expiresAt: NOW + 1 } },
  {
    title: 'last_active_at = activeSince',
    live: false,
    overrides: { lastActiveAt: WINDOW.activeSinceMillis },
  },
  {
    title: 'last_active_at = activeSince + 1',
    live: true,
    overrides: { lastActiveAt: WINDOW.activeSinceMillis + 1 },
  },
];

/** Registers `${dialect}: store`, covering every method of the storage port. */
export function describeStoreConformance(
  dialect: string,
  open: OpenTestStore,
  options: { skip?: string | false } = {},
): void {
  describe(`${dialect}: store`, { skip: options.skip ?? false }, () => {
    let opened: OpenedTestStore | undefined;
    const store = (): Store => opened?.store ?? assert.fail('the store did not open');

    before(async () => {
      opened = await open();
    });
    after(() => opened?.close());

    describeMigrations(open, () => opened);
    describeAccounts(store);
    describeSessionLookup(store);
    describeLiveSessions(store);
    describeActivity(store);
    describeAddresses(store);
    describeRevokeSession(store);
    describeRevokeAccountSessions(store);
  });
}

function describeMigrations(open: OpenTestStore, first: () => OpenedTestStore | undefined): void {
  describe('migrations', () => {
    it('apply on the first open and nothing when the same database opens again', async () => {
      assert.notDeepEqual(first()?.applied, []);

      const account = newAccount();
      await first()?.store.insertAccount(account);
      const again = await open();
      try {
        assert.deepEqual(again.applied, []);
        assert.deepEqual(await again.store.findAccountById(account.id), account);
      } finally {
        await again.close();
      }
    });
  });
}

function describeAccounts(store: () => Store): void {
  describe('accounts', () => {
    it('insertAccount() stores an account both finders return unchanged', async () => {
      const account = newAccount();
      const disabled = newAccount({ name: null, disabledAt: NOW });

      assert.equal(await store().insertAccount(account), 'ok');
      assert.equal(await store().insertAccount(disabled), 'ok');
      assert.deepEqual(await store().findAccountByEmailKey(account.emailKey), account);
      assert.deepEqual(await store().findAccountById(account.id), account);
      assert.deepEqual(await store().findAccountById(disabled.id), disabled);
    });

    it('the finders return null for an unknown email key or id', async () => {
      assert.equal(await store().findAccountByEmailKey('nobody@example.test'), null);
      assert.equal(await store().findAccountById(generateId('acc')), null);
    });

    it('insertAccount() answers email_taken for a used email key and keeps the first', async () => {
      const first = newAccount();
      const second = newAccount({ emailKey: first.emailKey });
      await store().insertAccount(first);

      assert.equal(await store().insertAccount(second), 'email_taken');
      assert.deepEqual(await store().findAccountByEmailKey(first.emailKey), first);
      assert.equal(await store().findAccountById(second.id), null);
    });

    it('insertAccount() lets exactly one of concurrent same-key inserts win', async () => {
      const emailKey = newAccount().emailKey;
      const contenders = Array.from({ length: 8 }, () => newAccount({ emailKey }));
      const results = await Promise.all(contenders.map((a) => store().insertAccount(a)));

      assert.equal(results.filter((result) => result === 'ok').length, 1);
      assert.equal(results.filter((result) => result === 'email_taken').length, 7);
      const winner = contenders[results.indexOf('ok')];
      assert.deepEqual(await store().findAccountByEmailKey(emailKey), winner);
    });

    it('setAccountPlan() changes the plan only, and answers false for an unknown id', async () => {
      const account = newAccount();
      await store().insertAccount(account);

      assert.equal(await store().setAccountPlan(account.id, 'enterprise'), true);
      assert.deepEqual(await store().findAccountById(account.id), {
        ...account,
        plan: 'enterprise',
      });
      assert.equal(await store().setAccountPlan(generateId('acc'), 'pro'), false);
    });
  });
}

function describeSessionLookup(store: () => Store): void {
  describe('sessions', () => {
    it('findSessionByTokenHash() returns the inserted session unchanged', async () => {
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()));
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('keeps every time exact and as a number, up to the latest Date', async () => {
      const accountId = await seedAccount(store());
      const ended = { ...revocation('revoked'), atMillis: LATEST_DATE_MILLIS - 1 };
      const overrides = { expiresAt: LATEST_DATE_MILLIS, ...toRevokedFields(ended) };
      const { session, tokenHash } = await seedSession(store(), accountId, overrides);

      const found = await store().findSessionByTokenHash(tokenHash);
      assert.deepEqual(found, session);
      for (const field of ['createdAt', 'lastActiveAt', 'expiresAt', 'revokedAt'] as const) {
        assert.equal(typeof found?.[field], 'number', field);
      }
    });

    it('keeps the device id of a session, and null when it has none', async () => {
      const accountId = await seedAccount(store());
      const deviceId = 'install-' + 'x'.repeat(120);
      const { session, tokenHash } = await seedSession(store(), accountId, { deviceId });

      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
      const listed = await store().listLiveSessions(accountId, WINDOW);
      assert.deepEqual(
        listed.map((each) => each.deviceId),
        [deviceId],
      );
    });

    it('findSessionByTokenHash() returns null for an unknown hash', async () => {
      const unknown = hashSecretToken(generateSecretToken());
      assert.equal(await store().findSessionByTokenHash(unknown), null);
    });

    it('findSessionByTokenHash() still returns a session after it ended', async () => {
      const accountId = await seedAccount(store());
      const { session, tokenHash } = await seedSession(store(), accountId);
      await store().revokeSession(accountId, session.id, WINDOW, revocation('signed_out'));

      const found = await store().findSessionByTokenHash(tokenHash);
      assert.equal(found?.revokedReason, 'signed_out');
    });
  });
}

function describeLiveSessions(store: () => Store): void {
  describe('listLiveSessions()', () => {
    it('lists only the account’s sessions that are live, at the exact limits', async () => {
      const accountId = await seedAccount(store());
      const expected = new Set<string>([(await seedSession(store(), accountId)).session.id]);
      for (const boundary of BOUNDARIES) {
        const { session } = await seedSession(store(), accountId, boundary.overrides);
        if (boundary.live) expected.add(session.id);
      }
      await seedSession(store(), accountId, toRevokedFields(revocation('revoked')));
      await seedSession(store(), await seedAccount(store()));

      const live = await store().listLiveSessions(accountId, WINDOW);
      assert.deepEqual(new Set(live.map((session) => session.id)), expected);
    });

    it('returns the sessions unchanged, times as numbers', async () => {
      const accountId = await seedAccount(store());
      const { session } = await seedSession(store(), accountId);
      assert.deepEqual(await store().listLiveSessions(accountId, WINDOW), [session]);
    });

    it('returns an empty list for an account without sessions', async () => {
      const accountId = await seedAccount(store());
      assert.deepEqual(await store().listLiveSessions(accountId, WINDOW), []);
    });
  });
}

function describeActivity(store: () => Store): void {
  describe('recordActivity()', () => {
    it('moves last activity forward', async () => {
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()));
      await store().recordActivity(session.id, NOW + MINUTE, null);

      const found = await store().findSessionByTokenHash(tokenHash);
      assert.deepEqual(found, { ...session, lastActiveAt: NOW + MINUTE });
    });

    it('never moves last activity back, nor rewrites it with the same instant', async () => {
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()));
      await store().recordActivity(session.id, session.lastActiveAt - MINUTE, null);
      await store().recordActivity(session.id, session.lastActiveAt, null);

      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('never touches a revoked session', async () => {
      const accountId = await seedAccount(store());
      const overrides = toRevokedFields(revocation('signed_out'));
      const { session, tokenHash } = await seedSession(store(), accountId, overrides);
      await store().recordActivity(session.id, NOW + MINUTE, null);

      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('does nothing for an unknown session id', async () => {
      await store().recordActivity(generateId('ses'), NOW, null);
    });
  });
}

const LONDON = { city: 'London', region: 'England', country: 'United Kingdom', countryCode: 'GB' };
const LISBON = { city: 'Lisbon', region: 'Lisbon', country: 'Portugal', countryCode: 'PT' };

function describeAddresses(store: () => Store): void {
  describe('addresses and places', () => {
    it('insertSession() keeps both places and the network hint', async () => {
      const overrides = {
        ip: '81.2.69.160',
        lastIp: '81.2.69.160',
        signInLocation: LONDON,
        lastLocation: { city: null, region: null, country: 'Portugal', countryCode: 'PT' },
        network: { kind: 'mobile' as const, organisation: 'EE Limited' },
      };
      const { session, tokenHash } = await seedSession(
        store(),
        await seedAccount(store()),
        overrides,
      );
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('recordActivity() with a seen address makes it the last address, place and network', async () => {
      const overrides = {
        ip: '81.2.69.160',
        lastIp: '81.2.69.160',
        signInLocation: LONDON,
        lastLocation: LONDON,
      };
      const { session, tokenHash } = await seedSession(
        store(),
        await seedAccount(store()),
        overrides,
      );
      const seen = {
        ip: '193.136.0.1',
        location: LISBON,
        network: { kind: 'isp' as const, organisation: null },
      };
      await store().recordActivity(session.id, NOW + MINUTE, seen);

      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), {
        ...session,
        lastActiveAt: NOW + MINUTE,
        lastIp: seen.ip,
        lastLocation: LISBON,
        network: seen.network,
      });
    });

    it('recordActivity() records no seen address when it does not move activity forward', async () => {
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()));
      const seen = { ip: '193.136.0.1', location: LISBON, network: null };
      await store().recordActivity(session.id, session.lastActiveAt, seen);
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('truncateStaleAddresses() cuts both addresses of sessions inactive or ended before the cutoff, once', async () => {
      const accountId = await seedAccount(store());
      const cutoff = NOW - 30 * DAY;
      const place = { signInLocation: LONDON, lastLocation: LISBON };
      const idle = await seedSession(store(), accountId, {
        ip: '81.2.69.160',
        lastIp: '2001:db8:1:2::7',
        lastActiveAt: cutoff - 1,
        ...place,
      });
      const ended = await seedSession(store(), accountId, {
        ip: '81.2.69.161',
        lastIp: null,
        lastActiveAt: cutoff - DAY,
        ...toRevokedFields({ ...revocation(), atMillis: cutoff - DAY }),
      });
      const recent = await seedSession(store(), accountId, {
        ip: '81.2.69.162',
        lastIp: '81.2.69.162',
        lastActiveAt: cutoff,
      });
      const cut = (ip: string): string => `${ip}/cut`;

      const count = await store().truncateStaleAddresses(cutoff, cut, NOW);
      assert.ok(count >= 2);
      assert.deepEqual(await store().findSessionByTokenHash(idle.tokenHash), {
        ...idle.session,
        ip: '81.2.69.160/cut',
        lastIp: '2001:db8:1:2::7/cut',
      });
      assert.deepEqual(await store().findSessionByTokenHash(ended.tokenHash), {
        ...ended.session,
        ip: '81.2.69.161/cut',
      });
      assert.deepEqual(await store().findSessionByTokenHash(recent.tokenHash), recent.session);
      assert.equal(await store().truncateStaleAddresses(cutoff, cut, NOW), 0);
    });

    it('truncateStaleAddresses() truncates again after a new address was seen', async () => {
      const cutoff = NOW - 30 * DAY;
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()), {
        lastActiveAt: cutoff - 1,
      });
      await store().truncateStaleAddresses(cutoff, () => '203.0.113.0', NOW);
      await store().recordActivity(session.id, NOW, {
        ip: '198.51.100.9',
        location: null,
        network: null,
      });
      assert.ok(
        (await store().truncateStaleAddresses(NOW + 1, () => '198.51.100.0', NOW + 1)) >= 1,
      );
      const found = await store().findSessionByTokenHash(tokenHash);
      assert.equal(found?.lastIp, '198.51.100.0');
    });

    it('truncateStaleAddresses() works through more sessions than one batch', async () => {
      const accountId = await seedAccount(store());
      const cutoff = NOW - 300 * DAY;
      for (let i = 0; i < 1203; i += 1)
        await seedSession(store(), accountId, { lastActiveAt: cutoff - 1 - i });
      assert.equal(await store().truncateStaleAddresses(cutoff, (ip) => ip, NOW), 1203);
    });
  });
}

function describeRevokeSession(store: () => Store): void {
  describe('revokeSession()', () => {
    it('ends a live session and returns it with the reason, time and ender', async () => {
      const accountId = await seedAccount(store());
      const { session, tokenHash } = await seedSession(store(), accountId);
      const ender = revocation('revoked', generateId('ses'));
      const ended = await store().revokeSession(accountId, session.id, WINDOW, ender);

      assert.deepEqual(ended, { ...session, ...toRevokedFields(ender) });
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), ended);
    });

    it('returns null for another account’s session and leaves it live', async () => {
      const { session, tokenHash } = await seedSession(store(), await seedAccount(store()));
      const intruderId = await seedAccount(store());
      const ended = await store().revokeSession(intruderId, session.id, WINDOW, revocation());

      assert.equal(ended, null);
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
    });

    it('returns null for an unknown session id', async () => {
      const accountId = await seedAccount(store());
      const ended = await store().revokeSession(accountId, generateId('ses'), WINDOW, revocation());
      assert.equal(ended, null);
    });

    it('returns null for an ended session and keeps the first reason, time and ender', async () => {
      const accountId = await seedAccount(store());
      const { session, tokenHash } = await seedSession(store(), accountId);
      const first = revocation('signed_out');
      const second = revocation('signed_out_everywhere', generateId('ses'));
      const later = { ...second, atMillis: NOW + 1 };
      await store().revokeSession(accountId, session.id, WINDOW, first);

      assert.equal(await store().revokeSession(accountId, session.id, WINDOW, later), null);
      const found = await store().findSessionByTokenHash(tokenHash);
      assert.deepEqual(found, { ...session, ...toRevokedFields(first) });
    });

    for (const boundary of BOUNDARIES) {
      const outcome = boundary.live ? 'ends' : 'returns null for and leaves untouched';
      it(`${outcome} a session with ${boundary.title}`, async () => {
        const accountId = await seedAccount(store());
        const seeded = await seedSession(store(), accountId, boundary.overrides);
        const sessionId = seeded.session.id;
        const ended = await store().revokeSession(accountId, sessionId, WINDOW, revocation());

        assert.equal(ended !== null, boundary.live);
        const found = await store().findSessionByTokenHash(seeded.tokenHash);
        assert.equal(found?.revokedAt !== null, boundary.live);
      });
    }

    it('lets exactly one of concurrent calls win, and keeps the winner’s reason', async () => {
      const accountId = await seedAccount(store());
      const { session, tokenHash } = await seedSession(store(), accountId);
      const enders = Array.from({ length: 8 }, (_, i) => ({ ...revocation(), byLabel: `#${i}` }));
      const results = await Promise.all(
        enders.map((ender) => store().revokeSession(accountId, session.id, WINDOW, ender)),
      );

      const winners = results.filter((result) => result !== null);
      assert.equal(winners.length, 1);
      assert.deepEqual(await store().findSessionByTokenHash(tokenHash), winners[0]);
    });
  });
}

function describeRevokeAccountSessions(store: () => Store): void {
  describe('revokeAccountSessions()', () => {
    it('ends every live session but the excepted one and returns exactly those', async () => {
      const accountId = await seedAccount(store());
      const kept = await seedSession(store(), accountId);
      const live = [await seedSession(store(), accountId), await seedSession(store(), accountId)];
      const stale = await seedStaleSessions(store(), accountId);
      const stranger = await seedSession(store(), await seedAccount(store()));

      const ender = revocation('signed_out_everywhere', kept.session.id);
      const ended = await store().revokeAccountSessions(accountId, WINDOW, ender, kept.session.id);

      const expected = live.map(({ session }) => ({ ...session, ...toRevokedFields(ender) }));
      assert.deepEqual(sortById(ended), sortById(expected));
      for (const { session, tokenHash } of [kept, stranger, ...stale]) {
        assert.deepEqual(await store().findSessionByTokenHash(tokenHash), session);
      }
    });

    it('ends the caller’s session too when nothing is excepted', async () => {
      const accountId = await seedAccount(store());
      const seeded = [await seedSession(store(), accountId), await seedSession(store(), accountId)];
      const ended = await store().revokeAccountSessions(accountId, WINDOW, revocation(), null);

      assert.deepEqual(idsOf(ended), idsOf(seeded.map(({ session }) => session)));
      assert.deepEqual(await store().listLiveSessions(accountId, WINDOW), []);
    });

    it('returns an empty list when the account has no live session', async () => {
      const accountId = await seedAccount(store());
      const ended = await store().revokeAccountSessions(accountId, WINDOW, revocation(), null);
      assert.deepEqual(ended, []);
    });

    it('reports each session once when a single revoke races with it', async () => {
      const accountId = await seedAccount(store());
      const { session } = await seedSession(store(), accountId);
      const [one, all] = await Promise.all([
        store().revokeSession(accountId, session.id, WINDOW, revocation('revoked')),
        store().revokeAccountSessions(accountId, WINDOW, revocation('signed_out_everywhere'), null),
      ]);

      assert.equal((one === null ? 0 : 1) + all.length, 1);
    });
  });
}

/** Ended or expired sessions of the account, which a mass revoke must leave as they are. */
async function seedStaleSessions(store: Store, accountId: string): Promise<SeededSession[]> {
  const revoked = toRevokedFields(revocation('signed_out'));
  const variants = [revoked, ...BOUNDARIES.filter((b) => !b.live).map((b) => b.overrides)];
  const seeded: SeededSession[] = [];
  for (const overrides of variants) seeded.push(await seedSession(store, accountId, overrides));
  return seeded;
}

interface SeededSession {
  session: Session;
  tokenHash: string;
}

async function seedAccount(store: Store): Promise<string> {
  const account = newAccount();
  assert.equal(await store.insertAccount(account), 'ok');
  return account.id;
}

async function seedSession(
  store: Store,
  accountId: string,
  overrides: Partial<Session> = {},
): Promise<SeededSession> {
  const session = newSession(accountId, overrides);
  const tokenHash = hashSecretToken(generateSecretToken());
  await store.insertSession(session, tokenHash);
  return { session, tokenHash };
}

function newAccount(overrides: Partial<Account> = {}): Account {
  const id = generateId('acc');
  return {
    id,
    email: `${id}@Example.test`,
    emailKey: `${id.toLowerCase()}@example.test`,
    name: 'Alice',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$fixture$fixture',
    plan: 'free',
    createdAt: NOW - 20 * DAY,
    disabledAt: null,
    deletedAt: null,
    sessionGeneration: 0,
    ...overrides,
  };
}

function newSession(accountId: string, overrides: Partial<Session>): Session {
  return {
    id: generateId('ses'),
    accountId,
    clientKind: 'web',
    platform: null,
    appVersion: null,
    browser: 'Chrome 131',
    os: 'Windows',
    deviceType: 'desktop',
    label: 'Chrome on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    deviceId: null,
    ip: '203.0.113.7',
    lastIp: '203.0.113.7',
    signInLocation: null,
    lastLocation: null,
    network: null,
    signInMethod: 'password',
    createdAt: NOW - 20 * DAY,
    authenticatedAt: NOW - 20 * DAY,
    accountGeneration: 0,
    lastActiveAt: NOW - MINUTE,
    expiresAt: NOW + 10 * DAY,
    revokedAt: null,
    revokedReason: null,
    revokedBySessionId: null,
    revokedByLabel: null,
    ...overrides,
  };
}

function revocation(
  reason: Revocation['reason'] = 'revoked',
  bySessionId: string | null = null,
): Revocation {
  const byLabel = bySessionId === null ? null : 'Firefox on Linux';
  return { atMillis: NOW, reason, bySessionId, byLabel };
}

function toRevokedFields(ending: Revocation): Partial<Session> {
  return {
    revokedAt: ending.atMillis,
    revokedReason: ending.reason,
    revokedBySessionId: ending.bySessionId,
    revokedByLabel: ending.byLabel,
  };
}

function sortById(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => a.id.localeCompare(b.id));
}

function idsOf(sessions: Session[]): string[] {
  return sessions.map((session) => session.id).sort();
}
