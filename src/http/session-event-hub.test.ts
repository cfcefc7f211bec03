import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InProcessSessionEvents, type SessionEvent } from '../events/session-events.js';
import { SessionEventHub, type StampedEvent } from './session-event-hub.js';

const OWNER = { accountId: 'acc_1', sessionId: 'ses_1' };
const CHANGED: SessionEvent = { type: 'sessions.changed', accountId: 'acc_1' };

function collect(): { events: StampedEvent[]; listener: (stamped: StampedEvent) => void } {
  const events: StampedEvent[] = [];
  return { events, listener: (stamped) => events.push(stamped) };
}

describe('SessionEventHub', () => {
  it('listen() delivers the account’s events with increasing ids, and no other account’s', () => {
    const events = new InProcessSessionEvents();
    const hub = new SessionEventHub(events);
    const received = collect();
    hub.listen(OWNER, received.listener, null);

    events.publish(CHANGED);
    events.publish({ type: 'sessions.changed', accountId: 'acc_2' });
    events.publish(CHANGED);

    assert.equal(received.events.length, 2);
    assert.ok(received.events[0]!.id < received.events[1]!.id);
    hub.close();
  });

  it('listen() replays what came after the given id, even while no stream was open', () => {
    const events = new InProcessSessionEvents();
    const hub = new SessionEventHub(events);
    const first = collect();
    const listening = hub.listen(OWNER, first.listener, null);
    events.publish(CHANGED);
    listening.stop();
    events.publish(CHANGED);
    events.publish(CHANGED);

    const resumed = collect();
    hub.listen(OWNER, resumed.listener, first.events[0]!.id);
    assert.equal(resumed.events.length, 2);
    assert.ok(resumed.events.every((each) => each.id > first.events[0]!.id));
    hub.close();
  });

  it('listen() asks for a reload when the missed events were dropped or the id is unknown', () => {
    const events = new InProcessSessionEvents();
    const hub = new SessionEventHub(events, { bufferSize: 2 });
    const first = collect();
    const listening = hub.listen(OWNER, first.listener, null);
    listening.stop();
    for (let index = 0; index < 3; index += 1) events.publish(CHANGED);

    for (const afterId of [listening.position, 1_000_000]) {
      const resumed = collect();
      hub.listen(OWNER, resumed.listener, afterId).stop();
      assert.deepEqual(
        resumed.events.map((each) => each.event),
        [CHANGED],
      );
    }
    hub.close();
  });

  it('isListening() follows open streams, and stop() ends the delivery', () => {
    const events = new InProcessSessionEvents();
    const hub = new SessionEventHub(events);
    const received = collect();
    const first = hub.listen(OWNER, received.listener, null);
    const second = hub.listen(OWNER, () => undefined, null);

    first.stop();
    first.stop();
    assert.equal(hub.isListening('ses_1'), true);
    second.stop();
    assert.equal(hub.isListening('ses_1'), false);
    events.publish(CHANGED);
    assert.equal(received.events.length, 0);
    hub.close();
  });

  it('unsubscribes from the events port once the last stream is gone for the linger time', async () => {
    const events = new InProcessSessionEvents();
    let subscriptions = 0;
    const counting = {
      publish: (event: SessionEvent) => events.publish(event),
      subscribe: (accountId: string, listener: (event: SessionEvent) => void) => {
        subscriptions += 1;
        const stop = events.subscribe(accountId, listener);
        return () => {
          subscriptions -= 1;
          stop();
        };
      },
      close: () => events.close(),
    };
    const hub = new SessionEventHub(counting, { lingerMillis: 10 });
    hub.listen(OWNER, () => undefined, null).stop();
    assert.equal(subscriptions, 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(subscriptions, 0);
  });

  it('refuses a buffer size below one (RangeError)', () => {
    assert.throws(
      () => new SessionEventHub(new InProcessSessionEvents(), { bufferSize: 0 }),
      RangeError,
    );
  });
});
