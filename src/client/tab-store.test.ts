import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListenerSet } from './listener-set.js';
import type { SessionState } from './session-state.js';
import { MemoryTabStorage, TabStore, type SessionStateSource } from './tab-store.js';

class StateSource implements SessionStateSource {
  state: SessionState = { status: 'signed_out', reason: null };
  readonly #listeners = new ListenerSet<SessionState>();

  subscribe(listener: (state: SessionState) => void): () => void {
    return this.#listeners.add(listener);
  }

  set(state: SessionState): void {
    this.state = state;
    this.#listeners.emit(state);
  }
}

function signedIn(accountId: string): SessionState {
  const session = { id: 'ses_1', label: 'ALLO Desktop 4.2.0 on macOS' } as never;
  const account = { id: accountId, email: `${accountId}@example.test`, name: null };
  const extra = { deviceLimit: null, deviceLimitExceeded: false, updateRecommended: null };
  return { status: 'signed_in', account, session, ...extra };
}

async function lockedFlags(tabs: TabStore): Promise<boolean[]> {
  return (await tabs.restore()).map((tab) => tab.locked);
}

describe('TabStore', () => {
  it('stays unlocked while a confirmed session is re-checked', async () => {
    const source = new StateSource();
    const tabs = new TabStore({ client: source, storage: new MemoryTabStorage() });
    source.set(signedIn('acc_a'));
    await tabs.remember([{ id: '1', title: 'Roadmap' }]);

    source.set({ status: 'checking' });
    assert.deepEqual(await lockedFlags(tabs), [false]);
    source.set({ status: 'signed_out', reason: null });
    assert.deepEqual(await lockedFlags(tabs), [true]);
  });

  it('keeps tabs of another account locked after a different account signs in', async () => {
    const storage = new MemoryTabStorage();
    const first = new StateSource();
    first.set(signedIn('acc_a'));
    await new TabStore({ client: first, storage }).remember([{ id: '1', title: 'Roadmap' }]);

    const source = new StateSource();
    const tabs = new TabStore({ client: source, storage });
    source.set(signedIn('acc_b'));
    assert.deepEqual(await lockedFlags(tabs), [true]);
    assert.equal(tabs.isLocked, true);
  });

  it('stops following the client after close()', async () => {
    const source = new StateSource();
    const tabs = new TabStore({ client: source, storage: new MemoryTabStorage() });
    tabs.close();
    source.set(signedIn('acc_a'));
    assert.equal(tabs.isLocked, true);
  });
});
