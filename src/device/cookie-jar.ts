/**
 * A browser profile's cookie jar for the simulated web platform: keeps the session cookie
 * between requests and between runs.
 * @module
 */
import type { FetchFunction } from '../client/index.js';
import { readJsonFile, writePrivateFile } from './private-file.js';

/** Cookies of one origin, saved to a file (mode 0600) after every change. */
export class CookieJar {
  readonly #path: string | null;
  readonly #now: () => number;
  readonly #cookies = new Map<string, string>();

  /**
   * @param options.path - Where to save the cookies; null keeps them in memory only.
   * @param options.now - The clock that decides whether an `Expires` date has passed.
   */
  constructor(options: { path?: string | null; now?: () => number } = {}) {
    this.#path = options.path ?? null;
    this.#now = options.now ?? Date.now;
  }

  /** Loads the cookies saved by an earlier run. */
  async load(): Promise<void> {
    const saved = this.#path === null ? null : await readJsonFile(this.#path);
    if (typeof saved !== 'object' || saved === null) return;
    for (const [name, value] of Object.entries(saved)) {
      if (typeof value === 'string') this.#cookies.set(name, value);
    }
  }

  /** The `Cookie` header value, or null when the jar is empty. */
  get header(): string | null {
    if (this.#cookies.size === 0) return null;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** A fetch that sends the jar's cookies and keeps the ones the answer sets. */
  wrap(fetch: FetchFunction): FetchFunction {
    return async (input, init) => {
      const headers = new Headers(init?.headers);
      const cookie = this.header;
      if (cookie !== null) headers.set('cookie', cookie);
      const response = await fetch(input, { ...init, headers });
      await this.#store(response.headers.getSetCookie());
      return response;
    };
  }

  async #store(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    for (const line of lines) this.#storeOne(line);
    if (this.#path !== null) {
      await writePrivateFile(this.#path, `${JSON.stringify(Object.fromEntries(this.#cookies))}\n`);
    }
  }

  #storeOne(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => isExpiry(attribute, this.#now()));
    if (value === '' || expired) this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }
}

function isExpiry(attribute: string, nowMillis: number): boolean {
  const separator = attribute.indexOf('=');
  const name = attribute.slice(0, separator).trim().toLowerCase();
  const value = attribute.slice(separator + 1).trim();
  if (separator === -1) return false;
  if (name === 'max-age') return Number(value) <= 0;
  if (name === 'expires') return Date.parse(value) <= nowMillis;
  return false;
}
