import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../src/accounts/account.js';
import { generateId, generateSecretToken, hashSecretToken } from '../../src/domain/secret-token.js';
import type { Revocation, Session } from '../../src/sessions/session.js';
import { openStore, type OpenedStore } from '../../src/storage/open-store.js';
import { makeTestSession } from '../../src/web/make-test-session.js';
import {
  createTestDatabase,
  requirePostgres,
  type TestDatabase,
} from '../support/postgres-test-database.js';

const NOW = Date.UTC(2026, 2, 12, 9, 0, 0);
const MINUTE = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'allo-account-security-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const postgresSkip = await requirePostgres();

const DIALECTS = [
  { name: 'sqlite', skip: false as const, open: async () => openStore(join(dir, 'store.db')) },
  { name: 'postgresql', skip: postgresSkip, open: openPostgres },
];

let database: TestDatabase | null = null;
async function openPostgres(): Promise<OpenedStore> {
  database = await createTestDatabase();
  return openStore(database.url);
}

for (const dialect of DIALECTS) {
  describe(`${dialect.name}: account security stores`, { skip: dialect.skip }, () => {
    let opened: OpenedStore;
    before(async () => {
      opened = await dialect.open();
    });
    after(async () => {
      await opened.store.close();
      if (dialect.name === 'postgresql') await database?.drop();
    });

    async function seedAccount(overrides: Partial<Account> = {}): Promise<Account> {
      const id = generateId('acc');
      const account: Account = {
        id,
        email: `${id}@example.test`,
        emailKey: `${id.toLowerCase()}@example.test`,
        name: 'Alice',
        passwordHash: 'old-hash',
        createdAt: NOW - MINUTE,
        plan: 'free',
        disabledAt: null,
        deletedAt: null,
        sessionGeneration: 0,
        ...overrides,
      };
      assert.equal(await opened.store.insertAccount(account), 'ok');
      return account;
    }

    async function seedSession(
      accountId: string,
      overrides: Partial<Session> = {},
    ): Promise<{ session: Session; tokenHash: string }> {
      const session = makeTestSession({
        id: generateId('ses'),
        accountId,
        createdAt: NOW - MINUTE,
        authenticatedAt: NOW - MINUTE,
        lastActiveAt: NOW - MINUTE,
        expiresAt: NOW + 10 * MINUTE,
        ...overrides,
      });
      const tokenHash = hashSecretToken(generateSecretToken());
      await opened.store.insertSession(session, tokenHash);
      return { session, tokenHash };
    }

    function revocation(reason: Revocation['reason']): Revocation {
      return { atMillis: NOW, reason, bySessionId: null, byLabel: null };
    }

    describe('credentials', () => {
      it('reauthenticateSession() stamps the check and swaps the credential of a live session only', async () => {
        const account = await seedAccount();
        const { session, tokenHash } = await seedSession(account.id);
        const newHash = hashSecretToken(generateSecretToken());
        const change = {
          sessionId: session.id,
          atMillis: NOW,
          tokenHash: newHash,
          retireAppCredentials: false,
        };

        const updated = await opened.securityStore.reauthenticateSession(change);
        assert.equal(updated?.authenticatedAt, NOW);
        assert.equal(await opened.store.findSessionByTokenHash(tokenHash), null);
        assert.equal((await opened.store.findSessionByTokenHash(newHash))?.id, session.id);

        const { session: ended } = await seedSession(account.id, {
          revokedAt: NOW - 1,
          revokedReason: 'signed_out',
        });
        const refused = await opened.securityStore.reauthenticateSession({
          ...change,
          sessionId: ended.id,
        });
        assert.equal(refused, null);
      });

      it('changePassword() ends the others for good and moves this session to the new generation', async () => {
        const account = await seedAccount();
        const { session: current } = await seedSession(account.id);
        const { session: other } = await seedSession(account.id);
        const changed = await opened.securityStore.changePassword({
          accountId: account.id,
          passwordHash: 'new-hash',
          sessionId: current.id,
          atMillis: NOW,
          tokenHash: null,
          retireAppCredentials: false,
          endOthers: revocation('password_changed'),
        });

        assert.equal(changed?.account.passwordHash, 'new-hash');
        assert.equal(changed?.account.sessionGeneration, 1);
        assert.equal(changed?.session.accountGeneration, 1);
        assert.deepEqual(
          changed?.ended.map((session) => session.id),
          [other.id],
        );
        assert.equal(
          (await opened.store.findSessionById(other.id))?.revokedReason,
          'password_changed',
        );
      });

      it('changePassword() keeps the others and the generation when asked, and changes nothing for an ended session', async () => {
        const account = await seedAccount();
        const { session: current } = await seedSession(account.id);
        const { session: other } = await seedSession(account.id);
        const base = {
          accountId: account.id,
          passwordHash: 'new-hash',
          sessionId: current.id,
          atMillis: NOW,
          tokenHash: null,
          retireAppCredentials: false,
          endOthers: null,
        };
        const kept = await opened.securityStore.changePassword(base);
        assert.equal(kept?.account.sessionGeneration, 0);
        assert.equal((await opened.store.findSessionById(other.id))?.revokedAt, null);

        const { session: ended } = await seedSession(account.id, {
          revokedAt: NOW - 1,
          revokedReason: 'signed_out',
        });
        const refused = await opened.securityStore.changePassword({
          ...base,
          sessionId: ended.id,
          passwordHash: 'x',
        });
        assert.equal(refused, null);
        assert.equal((await opened.store.findAccountById(account.id))?.passwordHash, 'new-hash');
      });

      it('changeEmail() answers email_taken for a key in use', async () => {
        const first = await seedAccount();
        const second = await seedAccount();
        assert.equal(
          await opened.securityStore.changeEmail(second.id, 'x@example.test', first.emailKey),
          'email_taken',
        );
        assert.equal(
          await opened.securityStore.changeEmail(
            second.id,
            'New@Example.test',
            'new-' + second.emailKey,
          ),
          'ok',
        );
        assert.equal((await opened.store.findAccountById(second.id))?.email, 'New@Example.test');
      });
    });

    describe('account state', () => {
      it('disableAccount() marks the account, moves the generation and ends every session at once', async () => {
        const account = await seedAccount();
        const sessions = [await seedSession(account.id), await seedSession(account.id)];
        const changed = await opened.securityStore.disableAccount(
          account.id,
          revocation('account_disabled'),
        );

        assert.equal(changed?.account.disabledAt, NOW);
        assert.equal(changed?.account.sessionGeneration, 1);
        assert.deepEqual(
          changed?.ended.map((session) => session.id).sort(),
          sessions.map(({ session }) => session.id).sort(),
        );
        const again = await opened.securityStore.disableAccount(
          account.id,
          revocation('account_disabled'),
        );
        assert.equal(again?.account.disabledAt, NOW);
        assert.equal(again?.account.sessionGeneration, 2);
        assert.equal(
          await opened.securityStore.disableAccount(
            generateId('acc'),
            revocation('account_disabled'),
          ),
          null,
        );
      });

      it('enableAccount() clears the mark only; a deleted account stays as it is', async () => {
        const account = await seedAccount({ disabledAt: NOW - MINUTE });
        const enabled = await opened.securityStore.enableAccount(account.id);
        assert.equal(enabled?.disabledAt, null);
        assert.equal(enabled?.sessionGeneration, 0);

        await opened.securityStore.deleteAccount(account.id, revocation('account_deleted'));
        assert.equal(await opened.securityStore.enableAccount(account.id), null);
      });

      it('deleteAccount() leaves a tombstone and frees the email', async () => {
        const account = await seedAccount();
        await seedSession(account.id);
        const changed = await opened.securityStore.deleteAccount(
          account.id,
          revocation('account_deleted'),
        );

        assert.equal(changed?.ended.length, 1);
        const stored = await opened.store.findAccountById(account.id);
        assert.equal(stored?.email, '');
        assert.equal(stored?.name, null);
        assert.equal(stored?.passwordHash, '');
        assert.equal(stored?.deletedAt, NOW);
        assert.equal(stored?.disabledAt, NOW);
        assert.equal(await opened.store.findAccountByEmailKey(account.emailKey), null);
        const newcomer = await seedAccount({ emailKey: account.emailKey });
        assert.equal((await opened.store.findAccountByEmailKey(account.emailKey))?.id, newcomer.id);
      });

      it('endSessionBatch() ends at most the limit, until none is left', async () => {
        const batch = await opened.securityStore.endSessionBatch(
          revocation('admin_revoked'),
          1_000_000,
        );
        const account = await seedAccount();
        for (let index = 0; index < 3; index += 1) await seedSession(account.id);

        const first = await opened.securityStore.endSessionBatch(revocation('admin_revoked'), 2);
        const second = await opened.securityStore.endSessionBatch(revocation('admin_revoked'), 2);
        const third = await opened.securityStore.endSessionBatch(revocation('admin_revoked'), 2);
        assert.deepEqual([first.length, second.length, third.length], [2, 1, 0]);
        assert.ok(batch.every((session) => session.revokedReason === 'admin_revoked'));
      });
    });

    describe('password resets', () => {
      async function seedReset(
        accountId: string,
        overrides: { expiresAt?: number } = {},
      ): Promise<string> {
        const tokenHash = hashSecretToken(generateSecretToken());
        await opened.securityStore.insertPasswordReset({
          tokenHash,
          accountId,
          createdAt: NOW - MINUTE,
          expiresAt: overrides.expiresAt ?? NOW + 30 * MINUTE,
          consumedAt: null,
        });
        return tokenHash;
      }

      function use(tokenHash: string) {
        return {
          tokenHash,
          atMillis: NOW,
          passwordHash: 'reset-hash',
          revocation: revocation('password_reset'),
        };
      }

      it('resetPassword() works once, closes the other links and ends every session', async () => {
        const account = await seedAccount();
        await seedSession(account.id);
        const first = await seedReset(account.id);
        const second = await seedReset(account.id);
        assert.equal(
          await opened.securityStore.countPasswordResetsSince(account.id, NOW - 2 * MINUTE),
          2,
        );

        const changed = await opened.securityStore.resetPassword(use(first));
        assert.equal(changed?.account.passwordHash, 'reset-hash');
        assert.equal(changed?.account.sessionGeneration, 1);
        assert.equal(changed?.ended.length, 1);
        assert.equal(await opened.securityStore.resetPassword(use(first)), null);
        assert.equal(await opened.securityStore.resetPassword(use(second)), null);
        assert.equal((await opened.securityStore.findPasswordReset(second))?.consumedAt, NOW);
      });

      it('resetPassword() lets exactly one of concurrent uses of a link win', async () => {
        const account = await seedAccount();
        const tokenHash = await seedReset(account.id);
        const results = await Promise.all(
          Array.from({ length: 5 }, () => opened.securityStore.resetPassword(use(tokenHash))),
        );
        assert.equal(results.filter((result) => result !== null).length, 1);
      });

      it('resetPassword() refuses an expired link, and a disabled account’s, using up neither', async () => {
        const account = await seedAccount();
        const expired = await seedReset(account.id, { expiresAt: NOW });
        assert.equal(await opened.securityStore.resetPassword(use(expired)), null);

        const disabled = await seedAccount({ disabledAt: NOW - MINUTE });
        const link = await seedReset(disabled.id);
        assert.equal(await opened.securityStore.resetPassword(use(link)), null);
        assert.equal((await opened.securityStore.findPasswordReset(link))?.consumedAt, null);
        assert.equal((await opened.store.findAccountById(disabled.id))?.passwordHash, 'old-hash');
      });
    });

    describe('security events', () => {
      it('stores events with growing ids, lists one account newest first, streams all oldest first', async () => {
        const accountId = generateId('acc');
        const base = {
          accountId,
          actor: 'owner' as const,
          sessionId: null,
          bySessionId: null,
          clientLabel: 'Chrome on Windows',
          ip: '81.2.69.160',
          location: {
            city: 'London',
            region: 'England',
            country: 'United Kingdom',
            countryCode: 'GB',
          },
          details: { reason: 'revoked', endedSessions: 2, isKnown: true, by: null },
        };
        const store = opened.securityEventStore;
        const first = await store.insertSecurityEvent({
          ...base,
          type: 'sign_in',
          occurredAt: NOW,
        });
        const second = await store.insertSecurityEvent({
          ...base,
          type: 'sign_out',
          occurredAt: NOW + 1,
        });
        const other = await store.insertSecurityEvent({
          ...base,
          accountId: null,
          type: 'sign_in_failed',
          occurredAt: NOW + 2,
        });

        assert.ok(first.id < second.id && second.id < other.id);
        const listed = await store.listAccountSecurityEvents({
          accountId,
          limit: 10,
          beforeId: null,
        });
        assert.deepEqual(listed, [second, first]);
        assert.deepEqual(listed[1]?.details, base.details);
        assert.deepEqual(listed[1]?.location, base.location);
        const older = await store.listAccountSecurityEvents({
          accountId,
          limit: 10,
          beforeId: second.id,
        });
        assert.deepEqual(
          older.map((event) => event.id),
          [first.id],
        );
        const streamed = await store.readSecurityEvents(first.id, 10);
        assert.deepEqual(
          streamed.map((event) => event.id),
          [second.id, other.id],
        );
      });
    });

    describe('devices and alerts', () => {
      it('rememberDevice() tells the first device, a new one and a known one apart', async () => {
        const account = await seedAccount();
        const { session: first } = await seedSession(account.id, { deviceId: 'device-a' });
        const alerts = opened.deviceAlertStore;
        assert.equal(
          await alerts.rememberDevice(account.id, 'device-a', first.id, NOW),
          'first_device',
        );
        const { session: second } = await seedSession(account.id, { deviceId: 'device-b' });
        assert.equal(await alerts.rememberDevice(account.id, 'device-b', second.id, NOW), 'new');
        assert.equal(await alerts.rememberDevice(account.id, 'device-b', second.id, NOW), 'known');
      });

      it('rememberDevice() counts a device seen in an earlier session as known', async () => {
        const account = await seedAccount();
        await seedSession(account.id, { deviceId: 'device-old' });
        const { session } = await seedSession(account.id, { deviceId: 'device-old' });
        assert.equal(
          await opened.deviceAlertStore.rememberDevice(account.id, 'device-old', session.id, NOW),
          'known',
        );
      });

      it('rememberDevice() sees a device as new for exactly one of concurrent sign-ins', async () => {
        const account = await seedAccount();
        const { session } = await seedSession(account.id, { deviceId: 'device-x' });
        await seedSession(account.id, { deviceId: 'device-y' });
        const sightings = await Promise.all(
          Array.from({ length: 5 }, () =>
            opened.deviceAlertStore.rememberDevice(account.id, 'device-x', session.id, NOW),
          ),
        );
        assert.equal(sightings.filter((sighting) => sighting !== 'known').length, 1);
      });

      it('answerDeviceAlert() answers once per link, only with its own kind, only while it lasts', async () => {
        const account = await seedAccount();
        const confirm = hashSecretToken(generateSecretToken());
        const deny = hashSecretToken(generateSecretToken());
        await opened.deviceAlertStore.insertDeviceAlert({
          id: generateId('alr'),
          accountId: account.id,
          deviceId: 'device-z',
          sessionId: generateId('ses'),
          confirmTokenHash: confirm,
          denyTokenHash: deny,
          createdAt: NOW,
          expiresAt: NOW + MINUTE,
          confirmedAt: null,
          deniedAt: null,
        });
        const alerts = opened.deviceAlertStore;
        assert.equal(await alerts.answerDeviceAlert(confirm, 'deny', NOW), null);
        assert.equal((await alerts.answerDeviceAlert(deny, 'deny', NOW))?.isFirstUse, true);
        assert.equal((await alerts.answerDeviceAlert(deny, 'deny', NOW))?.isFirstUse, false);
        assert.equal(await alerts.answerDeviceAlert(confirm, 'confirm', NOW + MINUTE), null);
        const answered = await alerts.answerDeviceAlert(confirm, 'confirm', NOW);
        assert.equal(answered?.alert.confirmedAt, NOW);
        assert.equal(answered?.alert.deniedAt, NOW);
      });
    });
  });
}
