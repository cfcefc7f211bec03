/**
 * The desktop app's open tabs across restarts: listed at once, but locked until the service
 * has confirmed the session, and locked again when it ends.
 * @module
 */
import type { Unsubscribe } from './listener-set.js';
import type { SessionState } from './session-state.js';

/** One open tab. */
export interface Tab {
  id: string;
  title: string;
  /** Whether the tab shows account content that needs a session; default true. */
  protected?: boolean;
}

/** A tab as the app may show it now. */
export interface RestoredTab extends Tab {
  /** Show the tab, but not its content, until the session is confirmed. */
  locked: boolean;
}

/** The tabs as stored, with the account they belong to. */
export interface StoredTabs {
  /** The account signed in when the tabs were remembered; null if none was. */
  accountId: string | null;
  tabs: Tab[];
}

/** Where the app keeps its tabs between runs. */
export interface TabStorage {
  load(): Promise<StoredTabs | null>;
  save(tabs: StoredTabs): Promise<void>;
}

/** What a tab store follows: a session client's state. */
export interface SessionStateSource {
  readonly state: SessionState;
  subscribe(listener: (state: SessionState) => void): Unsubscribe;
}

/** Keeps tabs in memory only. */
export class MemoryTabStorage implements TabStorage {
  #stored: StoredTabs | null = null;

  async load(): Promise<StoredTabs | null> {
    return this.#stored === null ? null : copyStoredTabs(this.#stored);
  }

  async save(tabs: StoredTabs): Promise<void> {
    this.#stored = copyStoredTabs(tabs);
  }
}

/** Remembers tabs and says which may show their content. */
export class TabStore {
  readonly #storage: TabStorage;
  readonly #source: SessionStateSource;
  readonly #unsubscribe: Unsubscribe;
  #stored: StoredTabs | null = null;
  #confirmedAccountId: string | null = null;

  constructor(options: { client: SessionStateSource; storage: TabStorage }) {
    this.#storage = options.storage;
    this.#source = options.client;
    this.#follow(options.client.state);
    this.#unsubscribe = options.client.subscribe((state) => this.#follow(state));
  }

  /** Whether protected tabs are locked now. */
  get isLocked(): boolean {
    if (this.#confirmedAccountId === null) return true;
    const owner = this.#stored?.accountId ?? null;
    // Tabs remembered under another account stay locked for this one.
    return owner !== null && owner !== this.#confirmedAccountId;
  }

  /** Remembers the open tabs, for the account signed in now. */
  async remember(tabs: Tab[]): Promise<void> {
    const state = this.#source.state;
    const signedIn = state.status === 'signed_in' ? state.account.id : null;
    const accountId = signedIn ?? this.#stored?.accountId ?? null;
    const stored = copyStoredTabs({ accountId, tabs });
    await this.#storage.save(stored);
    this.#stored = stored;
  }

  /** The remembered tabs, each marked locked or not. */
  async restore(): Promise<RestoredTab[]> {
    this.#stored ??= await this.#storage.load();
    const locked = this.isLocked;
    const tabs = this.#stored?.tabs ?? [];
    return tabs.map((tab) => ({ ...tab, locked: locked && tab.protected !== false }));
  }

  /** Stops following the client's state. */
  close(): void {
    this.#unsubscribe();
  }

  #follow(state: SessionState): void {
    // Only a confirmed session unlocks; `checking` keeps whatever was decided before.
    if (state.status === 'signed_in') this.#confirmedAccountId = state.account.id;
    if (state.status === 'signed_out' || state.status === 'update_required') {
      this.#confirmedAccountId = null;
    }
  }
}

function copyStoredTabs(stored: StoredTabs): StoredTabs {
  return { accountId: stored.accountId, tabs: stored.tabs.map((tab) => ({ ...tab })) };
}
