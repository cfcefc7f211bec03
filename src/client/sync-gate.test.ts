import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SyncGate } from './sync-gate.js';

describe('SyncGate', () => {
  it('holds waiters until open(), and lets later waits through at once', async () => {
    const gate = new SyncGate();
    const order: string[] = [];
    const waiting = gate.wait().then(() => order.push('through'));
    order.push('opening');
    gate.open();
    await waiting;
    await gate.wait();
    assert.deepEqual(order, ['opening', 'through']);
  });

  it('rejects waiters and later waits after refuse(); close() does not undo a refusal', async () => {
    const gate = new SyncGate();
    const waiting = gate.wait();
    gate.refuse(new Error('signed out'));
    await assert.rejects(waiting, { message: 'signed out' });
    gate.close();
    await assert.rejects(gate.wait(), { message: 'signed out' });
  });
});
