import UAParser from 'ua-parser-js';

import type { AlloClientHeader, ClientDescription, DeviceType } from './client-description.js';
import { parseAlloClientHeader } from './parse-allo-client-header.js';

/** What `describeClient` needs from one request. */
export interface DescribeClientInput {
  /** The `User-Agent` header, `undefined` when absent. */
  userAgent: string | undefined;
  /** The parsed `X-Allo-Client` header, `null` when the caller is not an ALLO app. */
  alloClient: AlloClientHeader | null;
}

/** How much of a User-Agent is read, in characters; real ones are far shorter. */
const MAX_USER_AGENT_LENGTH = 512;
const MAX_LABEL_LENGTH = 120;
const UNKNOWN_LABEL = 'Unknown device';

// Control and format characters mean nothing in a User-Agent, and bidi controls could reorder
// a label; they are read as spaces.
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;
const ELECTRON_TOKEN = /\bElectron\//i;
const ALLO_TOKEN = /\bALLO\/([^\s;()]{1,64})/;
const ANDROID_HTTP_TOKEN = /\b(?:okhttp|Dalvik)\//i;
const APPLE_HTTP_TOKEN = /\b(?:CFNetwork|Darwin)\//;
const REDUCED_ANDROID = /\bAndroid 10; K\)/;
const PRODUCT_TOKEN = /^([A-Za-z][\w.-]{0,31})\/(\d{1,6}(?:\.\d{1,6}){0,3})(?=$|[\s;(,])/;
const TIDY_NAME = /^[A-Za-z0-9][\w .+-]{0,39}$/;

const DESKTOP_APP_SYSTEMS: ReadonlySet<string> = new Set(['macOS', 'Windows', 'Linux']);
const DESKTOP_SYSTEMS: ReadonlySet<string> = new Set([...DESKTOP_APP_SYSTEMS, 'ChromeOS']);
const SYSTEM_NAMES: ReadonlyMap<string, string> = new Map([
  ['Mac OS', 'macOS'],
  ['Chromium OS', 'ChromeOS'],
  ['Chrome OS', 'ChromeOS'],
]);
const LINUX_DISTRIBUTIONS: ReadonlySet<string> = new Set([
  'Ubuntu',
  'Debian',
  'Fedora',
  'Arch',
  'Mint',
  'openSUSE',
  'SUSE',
  'Gentoo',
  'Kubuntu',
]);

/** The few facts read from a User-Agent. */
interface UserAgentFacts {
  text: string;
  browserName: string | undefined;
  browserMajor: string | undefined;
  osName: string | undefined;
  osVersion: string | undefined;
  deviceType: string | undefined;
}

/** An operating system as people name it: `iOS` and `17.4`, or `Windows` and no version. */
interface SystemName {
  family: string;
  version: string | null;
}

type ClientDetails = Pick<ClientDescription, 'browser' | 'os' | 'deviceType'>;

/**
 * Describes a client for the session list from its `User-Agent` and `X-Allo-Client` headers.
 *
 * An ALLO app is recognised by its header, or, for the desktop app, by the `ALLO/<version>`
 * token of its Electron User-Agent. Anything else is described as a browser or another HTTP
 * client. An Electron User-Agent is never described as Chrome.
 *
 * NOTE: Safari on a Mac and Safari on an iPad asking for desktop sites send the same string,
 * so that client is labelled `Safari on Mac or iPad` and has no device type.
 *
 * @param input - The raw User-Agent and the already parsed app header.
 * @returns A description whose label is never empty and at most 120 characters; an empty or
 *   unreadable User-Agent gives `Unknown device`. Only the first 512 characters of the
 *   User-Agent are read. Never throws.
 */
export function describeClient(input: DescribeClientInput): ClientDescription {
  const facts = readUserAgent(input.userAgent);
  const app = checkAppHeader(input.alloClient) ?? findDesktopAppToken(facts.text);
  const description = app === null ? describeOtherClient(facts) : describeApp(app, facts);
  return { ...description, label: finishLabel(description.label) };
}

function readUserAgent(userAgent: unknown): UserAgentFacts {
  const text = typeof userAgent === 'string' ? cleanUserAgent(userAgent) : '';
  const result = parseWithLibrary(text);
  return {
    text,
    browserName: result?.browser.name,
    browserMajor: result?.browser.major,
    osName: result?.os.name,
    osVersion: result?.os.version,
    deviceType: result?.device.type,
  };
}

function cleanUserAgent(userAgent: string): string {
  const head = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  return head.replace(INVISIBLE_CHARACTERS, ' ').trim();
}

function parseWithLibrary(text: string): UAParser.IResult | null {
  if (text === '') return null;
  try {
    return new UAParser(text).getResult();
  } catch {
    // A parser fault must not stop a sign-in; the client is then simply not recognised.
    return null;
  }
}

function checkAppHeader(header: AlloClientHeader | null): AlloClientHeader | null {
  if (header === null || typeof header !== 'object') return null;
  const { platform, appVersion } = header;
  if (typeof platform !== 'string' || typeof appVersion !== 'string') return null;
  // The object may not have come through the parser; only a valid header may reach a label.
  const result = parseAlloClientHeader(`${platform}/${appVersion}`);
  return result.ok ? result.value : null;
}

function findDesktopAppToken(text: string): AlloClientHeader | null {
  if (!ELECTRON_TOKEN.test(text)) return null;
  const version = ALLO_TOKEN.exec(text)?.[1];
  if (version === undefined) return null;
  const result = parseAlloClientHeader(`desktop/${version}`);
  return result.ok ? result.value : null;
}

function describeApp(app: AlloClientHeader, facts: UserAgentFacts): ClientDescription {
  switch (app.platform) {
    case 'desktop':
      return describeDesktopApp(app.appVersion, facts);
    case 'ios':
      return describeIosApp(app.appVersion, facts);
    case 'android':
      return describeAndroidApp(app.appVersion, facts);
  }
}

function describeDesktopApp(appVersion: string, facts: UserAgentFacts): ClientDescription {
  const os = nameDesktopSystem(facts);
  const name = `ALLO Desktop ${appVersion}`;
  return {
    clientKind: 'desktop',
    platform: 'desktop',
    appVersion,
    browser: null,
    os,
    deviceType: 'desktop',
    label: os === null ? name : `${name} on ${os}`,
  };
}

function describeIosApp(appVersion: string, facts: UserAgentFacts): ClientDescription {
  const isTablet = isAppleTablet(facts);
  return {
    clientKind: 'mobile',
    platform: 'ios',
    appVersion,
    browser: null,
    os: formatSystem(nameAppleMobileSystem(facts)),
    deviceType: isTablet ? 'tablet' : 'mobile',
    label: `ALLO for ${isTablet ? 'iPad' : 'iPhone'} ${appVersion}`,
  };
}

function describeAndroidApp(appVersion: string, facts: UserAgentFacts): ClientDescription {
  return {
    clientKind: 'mobile',
    platform: 'android',
    appVersion,
    browser: null,
    os: formatSystem(nameAndroidSystem(facts)),
    deviceType: facts.deviceType === 'tablet' ? 'tablet' : 'mobile',
    label: `ALLO for Android ${appVersion}`,
  };
}

function describeOtherClient(facts: UserAgentFacts): ClientDescription {
  // Another Electron app: its Chrome token names the engine, not what the person uses.
  if (ELECTRON_TOKEN.test(facts.text)) return describeDesktopProgram(facts);
  const browser = nameBrowser(facts);
  if (browser !== null) return describeBrowser(browser, facts);
  if (ANDROID_HTTP_TOKEN.test(facts.text)) {
    return describeWeb('Android app', nameAndroidSystem(facts), null);
  }
  if (APPLE_HTTP_TOKEN.test(facts.text)) {
    return describeWeb('iOS app', nameAppleMobileSystem(facts), null);
  }
  return describeHttpClient(facts);
}

function describeBrowser(browser: string, facts: UserAgentFacts): ClientDescription {
  const system = nameSystem(facts);
  const browserWithVersion = addMajorVersion(browser, facts.browserMajor);
  if (isSafariOnMac(browser, system)) {
    return describeWebDetails('Safari on Mac or iPad', {
      browser: browserWithVersion,
      os: 'macOS',
      deviceType: null,
    });
  }
  const place = placeOf(system);
  return describeWebDetails(place === null ? browser : `${browser} on ${place}`, {
    browser: browserWithVersion,
    os: formatSystem(system),
    deviceType: browserDeviceType(facts, system),
  });
}

function describeDesktopProgram(facts: UserAgentFacts): ClientDescription {
  const os = nameDesktopSystem(facts);
  const label = os === null ? 'Desktop app' : `Desktop app on ${os}`;
  return describeWebDetails(label, { browser: null, os, deviceType: 'desktop' });
}

function describeHttpClient(facts: UserAgentFacts): ClientDescription {
  const product = PRODUCT_TOKEN.exec(facts.text);
  if (product !== null && product[1] !== 'Mozilla') {
    return describeWeb(`${product[1]} ${product[2]}`, null, null);
  }
  const system = nameSystem(facts);
  const place = placeOf(system);
  if (place === null) return describeWeb(UNKNOWN_LABEL, null, null);
  return describeWeb(`Unknown browser on ${place}`, system, browserDeviceType(facts, system));
}

function describeWeb(
  label: string,
  system: SystemName | null,
  deviceType: DeviceType | null,
): ClientDescription {
  return describeWebDetails(label, { browser: null, os: formatSystem(system), deviceType });
}

function describeWebDetails(label: string, details: ClientDetails): ClientDescription {
  return { clientKind: 'web', platform: null, appVersion: null, ...details, label };
}

function nameBrowser(facts: UserAgentFacts): string | null {
  return tidyName(facts.browserName?.replace(/^Mobile /, ''));
}

function addMajorVersion(browser: string, major: string | undefined): string {
  return major !== undefined && /^\d{1,6}$/.test(major) ? `${browser} ${major}` : browser;
}

function isSafariOnMac(browser: string, system: SystemName | null): boolean {
  return browser === 'Safari' && system?.family === 'macOS';
}

function browserDeviceType(facts: UserAgentFacts, system: SystemName | null): DeviceType | null {
  if (facts.deviceType === 'mobile' || facts.deviceType === 'tablet') return facts.deviceType;
  // Televisions, consoles and watches fit none of the three kinds.
  if (facts.deviceType !== undefined) return null;
  return system !== null && DESKTOP_SYSTEMS.has(system.family) ? 'desktop' : null;
}

function nameSystem(facts: UserAgentFacts): SystemName | null {
  if (facts.osName === 'iOS') return nameAppleMobileSystem(facts);
  if (facts.osName === 'Android') return nameAndroidSystem(facts);
  const name = facts.osName === undefined ? null : tidyName(facts.osName);
  if (name === null) return null;
  const family = LINUX_DISTRIBUTIONS.has(name) ? 'Linux' : (SYSTEM_NAMES.get(name) ?? name);
  return { family, version: null };
}

function nameDesktopSystem(facts: UserAgentFacts): string | null {
  const family = nameSystem(facts)?.family;
  return family !== undefined && DESKTOP_APP_SYSTEMS.has(family) ? family : null;
}

function nameAppleMobileSystem(facts: UserAgentFacts): SystemName {
  const family = isAppleTablet(facts) ? 'iPadOS' : 'iOS';
  // A CFNetwork User-Agent names the Darwin kernel, not the iOS release: no version claimed.
  const stated = facts.osName === 'iOS' ? shortVersion(facts.osVersion) : null;
  return { family, version: stated };
}

function nameAndroidSystem(facts: UserAgentFacts): SystemName {
  // Chrome's reduced User-Agent always says "Android 10; K": the real version is unknown.
  const isReduced = REDUCED_ANDROID.test(facts.text);
  const stated = facts.osName === 'Android' ? shortVersion(facts.osVersion) : null;
  const version = isReduced ? null : stated;
  return { family: 'Android', version };
}

function isAppleTablet(facts: UserAgentFacts): boolean {
  return facts.deviceType === 'tablet' || /\biPad/.test(facts.text);
}

function shortVersion(version: string | undefined): string | null {
  const match = version === undefined ? null : /^(\d{1,4})(?:[._](\d{1,4}))?/.exec(version);
  if (match === null) return null;
  return match[2] === undefined ? (match[1] ?? null) : `${match[1]}.${match[2]}`;
}

function formatSystem(system: SystemName | null): string | null {
  if (system === null) return null;
  return system.version === null ? system.family : `${system.family} ${system.version}`;
}

function placeOf(system: SystemName | null): string | null {
  if (system === null) return null;
  if (system.family === 'iOS') return 'iPhone';
  if (system.family === 'iPadOS') return 'iPad';
  return system.family;
}

function tidyName(name: string | undefined): string | null {
  return name !== undefined && TIDY_NAME.test(name) ? name : null;
}

function finishLabel(label: string): string {
  const short = label.slice(0, MAX_LABEL_LENGTH).trim();
  return short === '' ? UNKNOWN_LABEL : short;
}
