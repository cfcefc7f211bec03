import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../domain/clock.js';
import { MemoryAttemptCounter } from './memory-attempt-counter.js';

describe('MemoryAttemptCounter', () => {
  it('forgets the oldest counter when it holds maxEntries', async () => {
    const counter = new MemoryAttemptCounter(new ManualClock(), { maxEntries: 2 });
    await counter.increment('first', 60_000);
    await counter.increment('second', 60_000);
    await counter.increment('third', 60_000);

    assert.equal((await counter.read('first')).count, 0);
    assert.equal((await counter.read('second')).count, 1);
    assert.equal((await counter.read('third')).count, 1);
  });

  it('drops an expired counter when it is next touched', async () => {
    const clock = new ManualClock();
    const counter = new MemoryAttemptCounter(clock, { maxEntries: 2 });
    await counter.increment('expired', 1_000);
    await counter.increment('live', 60_000);
    clock.advanceSeconds(1);

    assert.equal(await counter.increment('expired', 1_000), 1);
    assert.equal((await counter.read('live')).count, 1);
  });

  it('refuses a size that is not a positive integer', () => {
    const create = (): unknown => new MemoryAttemptCounter(new ManualClock(), { maxEntries: 0 });
    assert.throws(create, { name: 'RangeError', message: 'maxEntries must be a positive integer' });
  });
});
