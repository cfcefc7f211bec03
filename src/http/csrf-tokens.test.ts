import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsrfTokens } from './csrf-tokens.js';

const SECRET = new Uint8Array(32).fill(7);

describe('CsrfTokens', () => {
  it('verify() accepts the token issued for the same binding', () => {
    const tokens = new CsrfTokens(SECRET);
    assert.equal(tokens.verify('session:ses_1', tokens.issue('session:ses_1')), true);
  });

  it('verify() refuses another binding’s token, another secret’s, and non-tokens', () => {
    const tokens = new CsrfTokens(SECRET);
    const token = tokens.issue('session:ses_1');
    assert.equal(tokens.verify('session:ses_2', token), false);
    assert.equal(new CsrfTokens(new Uint8Array(32).fill(8)).verify('session:ses_1', token), false);
    for (const wrong of [undefined, '', 'x', ['a'], token.slice(1), `${token}A`]) {
      assert.equal(tokens.verify('session:ses_1', wrong), false, String(wrong));
    }
  });

  it('a default instance uses a random secret', () => {
    const token = new CsrfTokens().issue('session:ses_1');
    assert.equal(new CsrfTokens().verify('session:ses_1', token), false);
  });

  it('refuses a secret shorter than 32 bytes (RangeError)', () => {
    assert.throws(() => new CsrfTokens(new Uint8Array(16)), RangeError);
  });
});
