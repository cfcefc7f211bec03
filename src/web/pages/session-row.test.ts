import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeTestSession } from '../make-test-session.js';
import { renderSessionRow } from './session-row.js';

const NOW = Date.UTC(2026, 2, 12, 17, 2, 0);
const CONTEXT = { currentSessionId: 'ses_current', nowMillis: NOW, csrfToken: 'token-1' };
const LONDON = { city: 'London', region: 'England', country: 'United Kingdom', countryCode: 'GB' };

function render(
  overrides: Parameters<typeof makeTestSession>[0],
  ended: boolean | null = null,
): string {
  const session = makeTestSession(overrides);
  return renderSessionRow({ session, ended: ended === null ? null : { heard: ended } }, CONTEXT)
    .value;
}

describe('renderSessionRow()', () => {
  it('escapes every piece of client text', () => {
    const label = '<img src=x onerror=alert(1)> "Chrome"';
    const out = render({ label, browser: '<b>', os: '<i>', ip: '<ip>', lastIp: '<ip>' });
    assert.equal(out.includes('<img'), false);
    assert.equal(out.includes('<b>'), false);
    assert.equal(out.includes('<ip>'), false);
    assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt; &quot;Chrome&quot;/);
  });

  it('marks the current session "This device" and offers "Sign out of this device"', () => {
    const out = render({ id: 'ses_current' });
    assert.match(out, /This device/);
    assert.match(out, /Sign out of this device/);
    assert.match(out, /name="csrf" value="token-1"/);
    assert.doesNotMatch(out, /Not you\?/);
  });

  it('offers "Sign out" and "Not you?" on other rows, with when and where in words', () => {
    const out = render({ lastActiveAt: NOW - 3 * 3_600_000, lastLocation: LONDON });
    assert.match(
      out,
      /Signed in <time datetime="2026-03-12T14:02:00.000Z" data-format="date">12 Mar 2026<\/time>/,
    );
    assert.match(out, /Last active 3 hours ago/);
    assert.match(out, /Near London, England, United Kingdom/);
    assert.match(out, /approximate, from the network address/);
    assert.match(out, /action="\/settings\/security\/sessions\/ses_1\/sign-out"/);
    assert.match(out, /Not you\?/);
  });

  it('shows no place for an address nobody can place', () => {
    assert.doesNotMatch(render({}), /Near /);
  });

  it('greys an ended row and says whether the device has heard', () => {
    assert.match(render({}, true), /class="session ended"[\s\S]*>Signed out</);
    assert.match(render({}, false), /Signed out; it will find out when it reconnects/);
    assert.doesNotMatch(render({}, false), /<button/);
  });
});
