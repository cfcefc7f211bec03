/**
 * Per-session tokens for page forms: a second defence against cross-site requests, after the
 * Fetch Metadata and Origin check, for browsers and proxies that strip those headers.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The shortest secret accepted, in bytes (HMAC-SHA-256 gains nothing beyond 32). */
const MIN_SECRET_BYTES = 32;

/**
 * Issues and checks form tokens. A token is an HMAC of what the form is bound to (a session
 * id, or a pre-sign-in cookie value), so nothing is stored and another session's token fails.
 *
 * NOTE: with a per-process secret (the default), forms rendered before a restart, or by
 * another node, are refused; deployments with several nodes pass one shared secret.
 */
export class CsrfTokens {
  readonly #secret: Buffer;

  /** @throws RangeError when the secret is shorter than 32 bytes. */
  constructor(secret: Uint8Array = randomBytes(MIN_SECRET_BYTES)) {
    if (secret.byteLength < MIN_SECRET_BYTES) {
      throw new RangeError(`the form token secret must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    this.#secret = Buffer.from(secret);
  }

  /** The token for forms bound to this value. */
  issue(binding: string): string {
    return this.#mac(binding).toString('base64url');
  }

  /** Whether a submitted token belongs to this binding; compared in constant time. */
  verify(binding: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length > 128) return false;
    const expected = this.#mac(binding);
    const given = Buffer.from(token, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(binding: string): Buffer {
    return createHmac('sha256', this.#secret).update(`allo-form\0${binding}`).digest();
  }
}
