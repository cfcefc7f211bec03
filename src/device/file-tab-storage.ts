/**
 * The simulated desktop app's remembered tabs, in a file with owner-only permissions.
 * @module
 */
import type { StoredTabs, Tab, TabStorage } from '../client/index.js';
import { readJsonFile, writePrivateFile } from './private-file.js';

/** Keeps one device's tabs in a JSON file (mode 0600). */
export class FileTabStorage implements TabStorage {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async load(): Promise<StoredTabs | null> {
    return readStoredTabs(await readJsonFile(this.#path));
  }

  async save(tabs: StoredTabs): Promise<void> {
    await writePrivateFile(this.#path, `${JSON.stringify(tabs, null, 2)}\n`);
  }
}

function readStoredTabs(value: unknown): StoredTabs | null {
  if (typeof value !== 'object' || value === null) return null;
  const { accountId, tabs } = value as Record<string, unknown>;
  if (!Array.isArray(tabs)) return null;
  return {
    accountId: typeof accountId === 'string' ? accountId : null,
    tabs: tabs.filter(isTab),
  };
}

function isTab(value: unknown): value is Tab {
  if (typeof value !== 'object' || value === null) return false;
  const { id, title } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof title === 'string';
}
