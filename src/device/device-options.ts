/**
 * The options of `allo-sessions device`, their defaults, and how they are read.
 * @module
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ClientPlatform } from '../client/index.js';

/** How one simulated device runs. */
export interface DeviceOptions {
  server: string;
  platform: ClientPlatform;
  name: string;
  email: string | null;
  password: string | null;
  appVersion: string;
  stateDir: string;
  userAgent: string;
  /** Sign in through the system browser (desktop, ios, android) instead of a password. */
  browser: boolean;
}

/** Defaults of the simulator. */
export const DEVICE_DEFAULTS = Object.freeze({
  server: 'http://localhost:3000',
  /** State directories live below this one, one per device name. */
  stateRoot: join('data', 'devices'),
  appVersions: Object.freeze({ web: '1.0.0', desktop: '4.2.0', ios: '5.1.3', android: '5.1.3' }),
});

/** What each simulated platform calls itself in `User-Agent`, as the real clients do. */
export function defaultUserAgent(platform: ClientPlatform, appVersion: string): string {
  switch (platform) {
    case 'web':
      return (
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
        'Chrome/132.0.0.0 Safari/537.36'
      );
    case 'desktop':
      return (
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) ' +
        `ALLO/${appVersion} Chrome/128.0.6613.186 Electron/32.2.0 Safari/537.36`
      );
    case 'ios':
      return 'ALLO/5130 CFNetwork/1498.700.2 Darwin/23.6.0';
    case 'android':
      return 'okhttp/4.12.0';
  }
}

/** The usage text of the command. */
export const DEVICE_USAGE = `Usage: allo-sessions device --platform <desktop|ios|android|web> --name <name> [options]

Runs one simulated ALLO app: it signs in, shows its session state as it changes, and takes
commands on standard input (type "help").

Options:
  --server <url>         The service (default ${DEVICE_DEFAULTS.server})
  --platform <platform>  desktop, ios, android or web
  --name <name>          What to call this device in its output, e.g. "Alice's iPhone"
  --email <email>        The account to sign in as (asked when needed)
  --password <password>  Its password (asked when needed; read from the first input line
                         when standard input is not a terminal)
  --browser              Sign in through the system browser (apps only)
  --app-version <x.y.z>  The app version (default: desktop ${DEVICE_DEFAULTS.appVersions.desktop}, mobile ${DEVICE_DEFAULTS.appVersions.ios})
  --user-agent <text>    The User-Agent to send (default: one typical of the platform)
  --state-dir <path>     Where tokens, cookies, tabs and the device id are kept
                         (default ./data/devices/<name>)
`;

const PLATFORMS: ReadonlySet<string> = new Set(['web', 'desktop', 'ios', 'android']);

/**
 * Reads the command-line options.
 * @throws TypeError naming the option that is missing or wrong.
 */
export function parseDeviceOptions(argv: string[]): DeviceOptions {
  const { values } = parseArgs({ args: argv, options: OPTION_SPEC, strict: true });
  const platform = readPlatform(values.platform);
  const name = values.name?.trim() ?? '';
  if (name === '') throw new TypeError('--name is required.');
  if (values.browser === true && platform === 'web') {
    throw new TypeError('--browser is for the apps; the web platform signs in with a password.');
  }

  const appVersion = values['app-version'] ?? DEVICE_DEFAULTS.appVersions[platform];
  return {
    server: values.server ?? DEVICE_DEFAULTS.server,
    platform,
    name,
    email: values.email ?? null,
    password: values.password ?? null,
    appVersion,
    stateDir: values['state-dir'] ?? join(DEVICE_DEFAULTS.stateRoot, toDirectoryName(name)),
    userAgent: values['user-agent'] ?? defaultUserAgent(platform, appVersion),
    browser: values.browser === true,
  };
}

const OPTION_SPEC = {
  server: { type: 'string' },
  platform: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  browser: { type: 'boolean' },
  'app-version': { type: 'string' },
  'user-agent': { type: 'string' },
  'state-dir': { type: 'string' },
} as const;

function readPlatform(value: string | undefined): ClientPlatform {
  if (value === undefined || !PLATFORMS.has(value)) {
    throw new TypeError('--platform must be desktop, ios, android or web.');
  }
  return value as ClientPlatform;
}

/** A device name as a directory name: "Alice's iPhone" becomes `alice-s-iphone`. */
function toDirectoryName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'device' : slug;
}
