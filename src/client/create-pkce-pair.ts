/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method.
 * @module
 */
import { encodeBase64Url, generateRandomToken, type ClientCrypto } from './client-crypto.js';

/** A code verifier, kept by the app, and its challenge, sent to the authorization endpoint. */
export interface PKCEPair {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

// 32 random bytes give a 43-character verifier, the shortest RFC 7636 §4.1 allows.
const VERIFIER_BYTES = 32;

/** A fresh verifier and its S256 challenge. */
export async function createPKCEPair(crypto: ClientCrypto): Promise<PKCEPair> {
  const codeVerifier = generateRandomToken(crypto, VERIFIER_BYTES);
  const codeChallenge = await computePKCEChallenge(crypto, codeVerifier);
  return { codeVerifier, codeChallenge, codeChallengeMethod: 'S256' };
}

/** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export async function computePKCEChallenge(
  crypto: ClientCrypto,
  verifier: string,
): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return encodeBase64Url(new Uint8Array(digest));
}
