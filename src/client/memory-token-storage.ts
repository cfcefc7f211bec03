/**
 * Token storage that lives as long as the process: for tests, and for apps that want the
 * person to sign in on every start.
 * @module
 */
import type { StoredTokens, TokenStorage } from './token-storage.js';

/** Keeps tokens in memory only. */
export class MemoryTokenStorage implements TokenStorage {
  #tokens: StoredTokens | null;

  constructor(initial: StoredTokens | null = null) {
    this.#tokens = initial === null ? null : { ...initial };
  }

  async get(): Promise<StoredTokens | null> {
    return this.#tokens === null ? null : { ...this.#tokens };
  }

  async set(tokens: StoredTokens): Promise<void> {
    this.#tokens = { ...tokens };
  }

  async clear(): Promise<void> {
    this.#tokens = null;
  }
}
