/**
 * The Web Crypto functions the client needs, and random values built on them.
 * @module
 */

/**
 * The part of Web Crypto the client uses. `globalThis.crypto` in browsers and Node 20; in
 * React Native, pass a Web Crypto polyfill.
 */
export interface ClientCrypto {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> };
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The platform's Web Crypto. */
export function findPlatformCrypto(): ClientCrypto | null {
  const crypto = (globalThis as { crypto?: ClientCrypto }).crypto;
  return crypto?.subtle === undefined ? null : crypto;
}

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8);
    const triple = chunk | (bytes[index + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let shift = 0; shift < characters; shift += 1) {
      text += BASE64URL_ALPHABET[(triple >> (18 - 6 * shift)) & 63];
    }
  }
  return text;
}

/** A random string of `byteLength` random bytes, base64url-encoded. */
export function generateRandomToken(crypto: ClientCrypto, byteLength: number): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** A random fraction in [0, 1), for jitter. */
export function generateRandomFraction(crypto: ClientCrypto): number {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return new DataView(bytes.buffer).getUint32(0) / 2 ** 32;
}

/**
 * A new opaque device id for `X-Allo-Device`: 128 random bits. Generate it once per app
 * install and keep it with the app's settings.
 */
export function createDeviceId(crypto: ClientCrypto | null = findPlatformCrypto()): string {
  if (crypto === null) throw new TypeError('createDeviceId needs Web Crypto; pass one in.');
  return generateRandomToken(crypto, 16);
}
