import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDeviceId, encodeBase64Url, findPlatformCrypto } from './client-crypto.js';
import { computePKCEChallenge, createPKCEPair } from './create-pkce-pair.js';

const crypto = findPlatformCrypto()!;

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of the RFC 7636 appendix B example', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const challenge = await computePKCEChallenge(crypto, verifier);
    assert.equal(challenge, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('createPKCEPair() makes a fresh 43-character verifier and its challenge', async () => {
    const first = await createPKCEPair(crypto);
    const second = await createPKCEPair(crypto);
    assert.match(first.codeVerifier, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.codeVerifier, second.codeVerifier);
    assert.equal(first.codeChallenge, await computePKCEChallenge(crypto, first.codeVerifier));
    assert.equal(first.codeChallengeMethod, 'S256');
  });
});

describe('encodeBase64Url()', () => {
  it('matches the base64url alphabet without padding (RFC 4648 §10 vectors)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) {
      assert.equal(encodeBase64Url(new TextEncoder().encode(text)), encoded);
    }
    assert.equal(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xbf])), '-_-_');
  });
});

describe('createDeviceId()', () => {
  it('makes 22 base64url characters (128 bits), different each time', () => {
    assert.match(createDeviceId(), /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(createDeviceId(), createDeviceId());
  });
});
