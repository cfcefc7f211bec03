import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../domain/clock.js';
import { InProcessSessionEvents } from '../events/session-events.js';
import { RecordingSessionEvents } from './recording-session-events.js';
import type { NewSecurityEvent, SecurityEvent } from './security-event.js';
import { SecurityEventLog, type SecurityLogEntry } from './security-event-log.js';
import type { SecurityEventStore } from './security-event-store.js';

/** Keeps events in an array, as the database would, with growing ids. */
function memoryStore(options: { failing?: boolean } = {}): SecurityEventStore & {
  events: SecurityEvent[];
} {
  const events: SecurityEvent[] = [];
  return {
    events,
    insertSecurityEvent: async (event: NewSecurityEvent) => {
      if (options.failing) throw new Error('database is read-only');
      const stored = { ...event, id: events.length + 1 };
      events.push(stored);
      return stored;
    },
    listAccountSecurityEvents: async (query) =>
      events.filter((event) => event.accountId === query.accountId).reverse(),
    readSecurityEvents: async (afterId) => events.filter((event) => event.id > afterId),
  };
}

describe('SecurityEventLog', () => {
  it('record() stores the event with its time and writes one log line of it', async () => {
    const store = memoryStore();
    const lines: SecurityLogEntry[] = [];
    const clock = new ManualClock(Date.UTC(2026, 2, 12, 9));
    const log = new SecurityEventLog({ store, clock, sink: (entry) => lines.push(entry) });

    const event = await log.record({
      type: 'sign_in',
      actor: 'owner',
      accountId: 'acc_1',
      sessionId: 'ses_1',
      clientLabel: 'Chrome on Windows',
      ip: '203.0.113.7',
      details: { method: 'password' },
    });

    assert.equal(event?.id, 1);
    assert.equal(event?.occurredAt, clock.now());
    assert.deepEqual(lines, [
      {
        eventId: 1,
        type: 'sign_in',
        occurredAt: '2026-03-12T09:00:00.000Z',
        actor: 'owner',
        accountId: 'acc_1',
        sessionId: 'ses_1',
        bySessionId: null,
        clientLabel: 'Chrome on Windows',
        ip: '203.0.113.7',
        countryCode: null,
        city: null,
        details: { method: 'password' },
      },
    ]);
  });

  it('reports a failed write to onError instead of throwing, and writes no log line', async () => {
    const errors: string[] = [];
    const lines: SecurityLogEntry[] = [];
    const log = new SecurityEventLog({
      store: memoryStore({ failing: true }),
      clock: new ManualClock(),
      sink: (entry) => lines.push(entry),
      onError: (_error, type) => errors.push(type),
    });
    assert.equal(await log.record({ type: 'sign_out', actor: 'owner' }), null);
    assert.deepEqual(errors, ['sign_out']);
    assert.deepEqual(lines, []);
  });

  it('flush() waits for events still being gathered', async () => {
    const store = memoryStore();
    const log = new SecurityEventLog({ store, clock: new ManualClock() });
    log.recordLater(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { type: 'sign_out', actor: 'owner', accountId: 'acc_1' };
    });
    assert.equal(store.events.length, 0);
    await log.flush();
    assert.equal(store.events.length, 1);
  });
});

describe('RecordingSessionEvents', () => {
  it('records each ended session once, with who ended it and from which session', async () => {
    const store = memoryStore();
    const log = new SecurityEventLog({ store, clock: new ManualClock() });
    const inner = new InProcessSessionEvents();
    const heard: string[] = [];
    inner.subscribe('acc_1', (event) => heard.push(event.type));
    const events = new RecordingSessionEvents(inner, log, async () => null);

    events.publish({
      type: 'session.revoked',
      accountId: 'acc_1',
      sessionId: 'ses_2',
      revocation: { atMillis: 1, reason: 'revoked', bySessionId: 'ses_1', byLabel: 'Chrome' },
    });
    events.publish({ type: 'sessions.changed', accountId: 'acc_1' });
    await log.flush();

    assert.deepEqual(heard, ['session.revoked', 'sessions.changed']);
    assert.equal(store.events.length, 1);
    const [recorded] = store.events;
    assert.equal(recorded?.type, 'session_revoked');
    assert.equal(recorded?.sessionId, 'ses_2');
    assert.equal(recorded?.bySessionId, 'ses_1');
    assert.deepEqual(recorded?.details, { reason: 'revoked', by: 'Chrome' });
  });
});
