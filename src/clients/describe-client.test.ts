import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import type { AlloClientHeader, ClientDescription } from './client-description.js';
import { describeClient } from './describe-client.js';
import { parseAlloClientHeader } from './parse-allo-client-header.js';

type ExactField = 'clientKind' | 'platform' | 'appVersion' | 'browser' | 'os' | 'deviceType';

interface UserAgentCase {
  userAgent: string;
  repeat?: number;
  xAlloClient?: string;
  expect: Partial<Pick<ClientDescription, ExactField>> & { labelIncludes?: string[] };
}

const EXACT_FIELDS: readonly ExactField[] = [
  'clientKind',
  'platform',
  'appVersion',
  'browser',
  'os',
  'deviceType',
];

const FIXTURE = new URL('../../test/fixtures/user-agents.json', import.meta.url);
const CASES = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: UserAgentCase[] }).cases;

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Safari/537.36';
const ELECTRON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'ALLO/4.2.0 Chrome/126.0.6478.234 Electron/31.7.7 Safari/537.36';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/17.4.1 Safari/605.1.15';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 ' +
  '(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/17.4 Mobile/15E148 Safari/604.1';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/131.0.0.0 Mobile Safari/537.36';

const DESKTOP_APP: AlloClientHeader = { platform: 'desktop', appVersion: '4.2.0' };
const IOS_APP: AlloClientHeader = { platform: 'ios', appVersion: '5.1.3' };

function readHeader(value: string | undefined): AlloClientHeader | null {
  const header = parseAlloClientHeader(value);
  assert.ok(header.ok, `fixture header ${String(value)} is valid`);
  return header.value;
}

function describeCase(userAgentCase: UserAgentCase): ClientDescription {
  const userAgent = userAgentCase.userAgent.repeat(userAgentCase.repeat ?? 1);
  return describeClient({ userAgent, alloClient: readHeader(userAgentCase.xAlloClient) });
}

function titleOf(userAgentCase: UserAgentCase, index: number): string {
  const header = userAgentCase.xAlloClient === undefined ? '' : ` + ${userAgentCase.xAlloClient}`;
  return `#${index} ${JSON.stringify(userAgentCase.userAgent.slice(0, 60))}${header}`;
}

function describeWeb(userAgent: string | undefined): ClientDescription {
  return describeClient({ userAgent, alloClient: null });
}

function assertWellFormed(description: ClientDescription): void {
  assert.ok(description.label.length > 0, 'label is empty');
  assert.ok(description.label.length <= 120, 'label is longer than 120 characters');
  assert.doesNotMatch(description.label, /[\p{Cc}\p{Cf}]/u);
}

describe('describeClient() on the User-Agent table', () => {
  CASES.forEach((userAgentCase, index) => {
    it(`${titleOf(userAgentCase, index)} matches its expectations`, () => {
      const description = describeCase(userAgentCase);
      for (const field of EXACT_FIELDS) {
        if (field in userAgentCase.expect) {
          assert.equal(description[field], userAgentCase.expect[field], field);
        }
      }
      for (const words of userAgentCase.expect.labelIncludes ?? []) {
        assert.ok(description.label.includes(words), `label "${description.label}" lacks ${words}`);
      }
      assertWellFormed(description);
    });
  });

  it('never calls an Electron User-Agent Chrome', () => {
    const electronCases = CASES.filter((entry) => entry.userAgent.includes('Electron/'));
    assert.ok(electronCases.length >= 3);
    for (const userAgentCase of electronCases) {
      const description = describeCase(userAgentCase);
      assert.doesNotMatch(description.label, /Chrome/);
      assert.doesNotMatch(description.browser ?? '', /Chrome/);
    }
  });

  it('never calls an app with okhttp or CFNetwork and a header Unknown', () => {
    const appCases = CASES.filter((entry) => {
      const isNativeHttp = /okhttp|CFNetwork/.test(entry.userAgent);
      return isNativeHttp && entry.xAlloClient !== undefined;
    });
    assert.ok(appCases.length >= 4);
    for (const userAgentCase of appCases) {
      const description = describeCase(userAgentCase);
      assert.doesNotMatch(description.label, /Unknown/);
      assert.doesNotMatch(description.os ?? 'Unknown', /Unknown/);
    }
  });
});

describe('describeClient() labels', () => {
  it('names the desktop app, its version and the OS', () => {
    const description = describeClient({ userAgent: ELECTRON_MAC, alloClient: DESKTOP_APP });
    assert.equal(description.label, 'ALLO Desktop 4.2.0 on macOS');
  });

  it('takes the app version from the header over the ALLO token', () => {
    const alloClient: AlloClientHeader = { platform: 'desktop', appVersion: '4.3.1' };
    const description = describeClient({ userAgent: ELECTRON_MAC, alloClient });
    assert.equal(description.appVersion, '4.3.1');
    assert.equal(description.label, 'ALLO Desktop 4.3.1 on macOS');
  });

  it('describes the desktop app by its ALLO token when the header is missing', () => {
    const description = describeWeb(ELECTRON_MAC);
    assert.equal(description.clientKind, 'desktop');
    assert.equal(description.platform, 'desktop');
    assert.equal(description.label, 'ALLO Desktop 4.2.0 on macOS');
  });

  it('does not trust an ALLO token outside an Electron User-Agent', () => {
    const description = describeWeb(`${CHROME_WINDOWS} ALLO/4.2.0`);
    assert.equal(description.clientKind, 'web');
    assert.equal(description.label, 'Chrome on Windows');
  });

  it('ignores an ALLO token that is not a semantic version', () => {
    const description = describeWeb(ELECTRON_MAC.replace('ALLO/4.2.0', 'ALLO/4.02'));
    assert.equal(description.clientKind, 'web');
    assert.equal(description.label, 'Desktop app on macOS');
  });

  it('never calls Electron Chrome, whatever the token order', () => {
    const userAgent = `${CHROME_WINDOWS} Electron/31.7.7`;
    const description = describeWeb(userAgent);
    assert.equal(description.browser, null);
    assert.equal(description.label, 'Desktop app on Windows');
  });

  it('labels the iPhone and iPad apps', () => {
    const darwin = 'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0';
    const ipadWebView = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15';
    const iphone = describeClient({ userAgent: darwin, alloClient: IOS_APP });
    const ipad = describeClient({ userAgent: ipadWebView, alloClient: IOS_APP });
    assert.equal(iphone.label, 'ALLO for iPhone 5.1.3');
    assert.equal(ipad.label, 'ALLO for iPad 5.1.3');
    assert.equal(ipad.deviceType, 'tablet');
  });

  it('labels the Android app', () => {
    const alloClient: AlloClientHeader = { platform: 'android', appVersion: '5.1.3' };
    const description = describeClient({ userAgent: 'okhttp/4.12.0', alloClient });
    assert.equal(description.label, 'ALLO for Android 5.1.3');
  });

  it('labels browsers by name and place', () => {
    assert.equal(describeWeb(CHROME_WINDOWS).label, 'Chrome on Windows');
    assert.equal(describeWeb(SAFARI_IPHONE).label, 'Safari on iPhone');
    assert.equal(describeWeb(SAFARI_IPAD).label, 'Safari on iPad');
    assert.equal(describeWeb(CHROME_ANDROID).label, 'Chrome on Android');
  });

  it('does not claim to know whether Safari on a Mac is an iPad', () => {
    const description = describeWeb(SAFARI_MAC);
    assert.equal(description.label, 'Safari on Mac or iPad');
    assert.equal(description.os, 'macOS');
    assert.equal(description.deviceType, null);
  });

  it('names plain HTTP clients by their product token', () => {
    assert.equal(describeWeb('curl/8.5.0').label, 'curl 8.5.0');
    assert.equal(describeWeb('python-requests/2.32.3 extra').label, 'python-requests 2.32.3');
  });

  it('ignores a header object that the parser would refuse', () => {
    const alloClient = { platform: 'Desktop', appVersion: '4.2.0' } as unknown as AlloClientHeader;
    const description = describeClient({ userAgent: CHROME_WINDOWS, alloClient });
    assert.equal(description.clientKind, 'web');
    assert.equal(description.label, 'Chrome on Windows');
  });
});

describe('describeClient() on CFNetwork User-Agents', () => {
  it('says iOS without guessing a release from the Darwin kernel version', () => {
    const userAgent = 'ALLO/5130 CFNetwork/1494.0.7 Darwin/23.4.0';
    assert.equal(describeClient({ userAgent, alloClient: IOS_APP }).os, 'iOS');
  });

  it("does not report Chrome's frozen 'Android 10; K' as a real Android version", () => {
    const reduced =
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'Chrome/131.0.0.0 Mobile Safari/537.36';
    assert.equal(describeWeb(reduced).os, 'Android');
    const firefox = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
    assert.equal(describeWeb(firefox).os, 'Android 14');
  });
});

describe('describeClient() on hostile input', () => {
  it('reads only the first 512 characters', () => {
    const padded = describeWeb(`${CHROME_WINDOWS} ${'x'.repeat(10_240)}`);
    assert.equal(padded.label, 'Chrome on Windows');
    const hidden = describeWeb(`${'x'.repeat(600)} ${CHROME_WINDOWS}`);
    assert.equal(hidden.label, 'Unknown device');
  });

  it('gives Unknown device for a missing or blank User-Agent', () => {
    for (const userAgent of [undefined, '', '   ', '\u0000', 'Mozilla/5.0']) {
      const description = describeWeb(userAgent);
      assert.equal(description.label, 'Unknown device');
      assert.equal(description.browser, null);
      assert.equal(description.os, null);
      assert.equal(description.deviceType, null);
    }
  });

  it('never throws and always gives a short, clean label', () => {
    const known = fc.constantFrom(CHROME_WINDOWS, ELECTRON_MAC, SAFARI_MAC, 'okhttp/4.12.0', '');
    const noise = fc.string({ unit: 'binary', maxLength: 1_000 });
    const userAgent = fc.oneof(
      noise,
      fc.tuple(known, noise).map(([a, b]) => a + b),
    );
    const header = fc.constantFrom(null, DESKTOP_APP, IOS_APP);
    fc.assert(
      fc.property(userAgent, header, (value, alloClient) => {
        assertWellFormed(describeClient({ userAgent: value, alloClient }));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps Electron away from Chrome under noise', () => {
    const noise = fc.string({ unit: 'binary', maxLength: 200 });
    fc.assert(
      fc.property(noise, noise, (before, after) => {
        const description = describeWeb(`${before} ${ELECTRON_MAC} ${after}`.slice(0, 400));
        assert.doesNotMatch(description.label, /Chrome/);
        assert.doesNotMatch(description.browser ?? '', /Chrome/);
      }),
    );
  });
});
