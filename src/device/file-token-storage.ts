/**
 * Token storage in a file with owner-only permissions, for the device simulator.
 * @module
 */
import { rm } from 'node:fs/promises';
import type { StoredTokens, TokenStorage } from '../client/index.js';
import { readJsonFile, writePrivateFile } from './private-file.js';

/** Keeps one device's tokens in a JSON file (mode 0600). */
export class FileTokenStorage implements TokenStorage {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async get(): Promise<StoredTokens | null> {
    return readStoredTokens(await readJsonFile(this.#path));
  }

  async set(tokens: StoredTokens): Promise<void> {
    await writePrivateFile(this.#path, `${JSON.stringify(tokens, null, 2)}\n`);
  }

  async clear(): Promise<void> {
    await rm(this.#path, { force: true });
  }
}

function readStoredTokens(value: unknown): StoredTokens | null {
  if (typeof value !== 'object' || value === null) return null;
  const { accessToken, refreshToken, accessTokenExpiresAt } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string') return null;
  return {
    accessToken,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : null,
    accessTokenExpiresAt: typeof accessTokenExpiresAt === 'number' ? accessTokenExpiresAt : null,
  };
}
