/**
 * Service configuration, read once from the environment, validated, then frozen.
 * @module
 */
import { parseVersionTable, type AppVersionRules } from '../clients/app-version-gate.js';
import type { AppPlatform } from '../clients/client-description.js';
import { parsePlanDeviceLimits } from '../devices/parse-plan-device-limits.js';
import { parseTrustedProxies, type TrustedProxies } from '../network/trusted-proxies.js';
import { DEFAULT_PLAN, PLANS, type Plan } from '../workspaces/plan.js';

/** Defaults for every setting, with the unit in each name. */
export const DEFAULTS = Object.freeze({
  port: 3000,
  host: 'localhost',
  databaseUrl: './data/allo.db',
  /** A session unused for this long ends (14 days). */
  sessionIdleSeconds: 14 * 24 * 60 * 60,
  /** A session ends this long after sign-in, however active (30 days). */
  sessionAbsoluteSeconds: 30 * 24 * 60 * 60,
  /** Last activity is stored at most once per this interval per session. */
  activityGranularitySeconds: 60,
  passwordMinLength: 15,
  passwordMaxLength: 256,
  bodyLimitBytes: 64 * 1024,
  logLevel: 'info',
  /** Peers whose forwarding headers are believed: none, so the socket address counts. */
  trustProxy: '',
  /** Longest wait for the location database before serving without places (2 s). */
  geoReadyTimeoutMillis: 2000,
  /** Stored addresses of sessions inactive or ended this long are cut to their network. */
  ipRetentionDays: 30,
  /** An app's access token opens the API this long (15 minutes). */
  accessTokenSeconds: 900,
  /** A replaced refresh token still yields the same successor this long. */
  refreshGraceSeconds: 10,
  /** Old app versions keep working this long after a new minimum, with a warning. */
  minAppVersionGraceHours: 0,
  /** Where each app's update is found. */
  updateUrls: Object.freeze({
    desktop: 'https://allo.example/download',
    ios: 'https://apps.apple.com/app/allo',
    android: 'https://play.google.com/store/apps/details?id=com.allo.android',
  }),
  /** Email goes here as `.eml` files when no SMTP server is configured. */
  outboxDir: './data/outbox',
  mailFrom: 'ALLO <no-reply@allo.test>',
  /** Sign-ups one address may attempt per hour, successful or not. */
  signUpsPerAddressPerHour: 20,
  /** Sensitive actions need a password check at most this old (10 minutes). */
  reauthMaxAgeSeconds: 600,
  /** An emailed password reset link works this long, once (30 minutes). */
  passwordResetSeconds: 30 * 60,
  /** The links of a new-device alert work this long (7 days). */
  deviceAlertLinkSeconds: 7 * 24 * 60 * 60,
  /** The shortest operator credential accepted for the admin API. */
  adminTokenMinLength: 32,
  /** Signed-in devices each plan expects at most; more only brings a warning. */
  planDeviceLimits: Object.freeze({ free: 3, pro: 5, team: 10, enterprise: 20 }),
  /** The plan a new account starts on. */
  defaultPlan: DEFAULT_PLAN,
  /** A browser's device cookie lasts this long after its last sign-in (400 days). */
  deviceCookieMaxAgeSeconds: 400 * 24 * 60 * 60,
});

/** The validated, frozen configuration the service runs with. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** A SQLite file path (or `:memory:`), or a `postgres://` URL. */
  readonly databaseUrl: string;
  /** Origin the service is reached at, e.g. `https://sessions.allo.test`; null: the request's. */
  readonly publicUrl: string | null;
  readonly sessionIdleSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly activityGranularitySeconds: number;
  readonly passwordMinLength: number;
  readonly passwordMaxLength: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  /** Proxies whose `X-Forwarded-For`, `Forwarded` and `X-Forwarded-Proto` are believed. */
  readonly trustedProxies: TrustedProxies;
  /** A GeoIP2/GeoLite2 or DB-IP city MMDB file; null: the shipped DB-IP Lite files. */
  readonly geoCityDatabasePath: string | null;
  /** An ASN MMDB file for network hints; null: no network hints. */
  readonly geoAsnDatabasePath: string | null;
  /** Longest wait, in milliseconds, for the location database before serving. */
  readonly geoReadyTimeoutMillis: number;
  /** Days after which addresses of inactive or ended sessions are truncated. */
  readonly ipRetentionDays: number;
  /** Lifetime of an app's access token, in seconds. */
  readonly accessTokenSeconds: number;
  /** Grace window for concurrent or retried refreshes, in seconds (0 to 60). */
  readonly refreshGraceSeconds: number;
  /** Minimum and recommended app versions per platform. */
  readonly appVersions: AppVersionRules;
  /** Redis for cross-node events and shared sign-in throttling; null: this node only. */
  readonly redisUrl: string | null;
  /** An SMTP server for email; null: messages are written to `outboxDir`. */
  readonly smtpUrl: string | null;
  readonly outboxDir: string;
  readonly mailFrom: string;
  /**
   * The key page form tokens and sign-in tickets are made with, shared by every node; null:
   * a random key per process (open forms then fail after a restart).
   */
  readonly formTokenSecret: Uint8Array | null;
  /** Sign-ups one address may attempt per hour. */
  readonly signUpsPerAddressPerHour: number;
  /** Largest age, in seconds, of the password check behind a sensitive action. */
  readonly reauthMaxAgeSeconds: number;
  /** Lifetime of a password reset link, in seconds. */
  readonly passwordResetSeconds: number;
  /** Lifetime of the links in a new-device alert, in seconds. */
  readonly deviceAlertLinkSeconds: number;
  /** The operator credential of the admin API; null: the admin API is off (404). */
  readonly adminToken: string | null;
  /** Signed-in devices each plan expects at most (advisory: a warning, never a block). */
  readonly planDeviceLimits: Readonly<Record<Plan, number>>;
  /** The plan a new account starts on. */
  readonly defaultPlan: Plan;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the configuration from environment variables.
 * @throws RangeError naming the variable when a value is invalid.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const config: Config = {
    port: readInteger(env, 'PORT', DEFAULTS.port, 0, 65535),
    host: env.HOST || DEFAULTS.host,
    databaseUrl: env.DATABASE_URL || DEFAULTS.databaseUrl,
    publicUrl: readPublicUrl(env),
    sessionIdleSeconds: readInteger(env, 'ALLO_SESSION_IDLE_SECONDS', DEFAULTS.sessionIdleSeconds),
    sessionAbsoluteSeconds: readInteger(
      env,
      'ALLO_SESSION_ABSOLUTE_SECONDS',
      DEFAULTS.sessionAbsoluteSeconds,
    ),
    activityGranularitySeconds: DEFAULTS.activityGranularitySeconds,
    passwordMinLength: readInteger(env, 'ALLO_PASSWORD_MIN_LENGTH', DEFAULTS.passwordMinLength, 8),
    passwordMaxLength: DEFAULTS.passwordMaxLength,
    bodyLimitBytes: DEFAULTS.bodyLimitBytes,
    logLevel: env.LOG_LEVEL || DEFAULTS.logLevel,
    trustedProxies: readTrustedProxies(env),
    geoCityDatabasePath: readPath(env, 'ALLO_GEOIP_CITY_DB'),
    geoAsnDatabasePath: readPath(env, 'ALLO_GEOIP_ASN_DB'),
    geoReadyTimeoutMillis: readInteger(
      env,
      'ALLO_GEO_READY_TIMEOUT_MS',
      DEFAULTS.geoReadyTimeoutMillis,
      0,
      60_000,
    ),
    ipRetentionDays: readInteger(env, 'ALLO_IP_RETENTION_DAYS', DEFAULTS.ipRetentionDays, 1, 3650),
    accessTokenSeconds: readInteger(
      env,
      'ALLO_ACCESS_TOKEN_SECONDS',
      DEFAULTS.accessTokenSeconds,
      30,
      86_400,
    ),
    refreshGraceSeconds: readInteger(
      env,
      'ALLO_REFRESH_GRACE_SECONDS',
      DEFAULTS.refreshGraceSeconds,
      0,
      60,
    ),
    appVersions: readAppVersions(env),
    redisUrl: readPath(env, 'REDIS_URL'),
    smtpUrl: readPath(env, 'SMTP_URL'),
    outboxDir: DEFAULTS.outboxDir,
    mailFrom: env.MAIL_FROM || DEFAULTS.mailFrom,
    formTokenSecret: readSecret(env, 'ALLO_FORM_TOKEN_SECRET'),
    signUpsPerAddressPerHour: readInteger(
      env,
      'ALLO_SIGN_UPS_PER_ADDRESS_PER_HOUR',
      DEFAULTS.signUpsPerAddressPerHour,
      1,
      1_000_000,
    ),
    reauthMaxAgeSeconds: readInteger(
      env,
      'ALLO_REAUTH_MAX_AGE_SECONDS',
      DEFAULTS.reauthMaxAgeSeconds,
      1,
      24 * 60 * 60,
    ),
    passwordResetSeconds: DEFAULTS.passwordResetSeconds,
    deviceAlertLinkSeconds: DEFAULTS.deviceAlertLinkSeconds,
    adminToken: readAdminToken(env),
    planDeviceLimits: parsePlanDeviceLimits(
      env.ALLO_PLAN_DEVICE_LIMITS,
      'ALLO_PLAN_DEVICE_LIMITS',
      DEFAULTS.planDeviceLimits,
    ),
    defaultPlan: readDefaultPlan(env),
    ...overrides,
  };
  return Object.freeze(config);
}

function readInteger(env: Env, name: string, fallback: number, min = 1, max = 2 ** 31): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function readAppVersions(env: Env): AppVersionRules {
  const urls = parseUpdateUrls(env.ALLO_UPDATE_URLS);
  return {
    minimum: parseVersionTable(env.ALLO_MIN_APP_VERSIONS, 'ALLO_MIN_APP_VERSIONS'),
    recommended: parseVersionTable(env.ALLO_WARN_APP_VERSIONS, 'ALLO_WARN_APP_VERSIONS'),
    graceHours: readInteger(
      env,
      'ALLO_MIN_APP_VERSION_GRACE_HOURS',
      DEFAULTS.minAppVersionGraceHours,
      0,
      24 * 365,
    ),
    updateUrls: { ...DEFAULTS.updateUrls, ...urls },
  };
}

// `ios=https://…,android=https://…`: a URL may hold `=` but never a comma.
function parseUpdateUrls(spec: string | undefined): Partial<Record<AppPlatform, string>> {
  const urls: Partial<Record<AppPlatform, string>> = {};
  for (const entry of (spec ?? '').split(',').filter((part) => part.trim() !== '')) {
    const index = entry.indexOf('=');
    const platform = entry.slice(0, index).trim() as AppPlatform;
    const url = entry.slice(index + 1).trim();
    if (!(platform in DEFAULTS.updateUrls) || !/^https?:\/\//.test(url)) {
      throw new RangeError(`ALLO_UPDATE_URLS: "${entry}" is not <platform>=<http(s) URL>`);
    }
    urls[platform] = url;
  }
  return urls;
}

function readTrustedProxies(env: Env): TrustedProxies {
  try {
    return parseTrustedProxies(env.ALLO_TRUST_PROXY ?? DEFAULTS.trustProxy);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RangeError(`ALLO_TRUST_PROXY: ${reason}`, { cause: error });
  }
}

// An operator credential too short to resist guessing is refused rather than trusted.
function readAdminToken(env: Env): string | null {
  const raw = env.ALLO_ADMIN_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < DEFAULTS.adminTokenMinLength) {
    throw new RangeError(
      `ALLO_ADMIN_TOKEN must be at least ${DEFAULTS.adminTokenMinLength} characters`,
    );
  }
  return raw;
}

function readDefaultPlan(env: Env): Plan {
  const raw = env.ALLO_DEFAULT_PLAN?.trim();
  if (!raw) return DEFAULTS.defaultPlan;
  if (!PLANS.includes(raw as Plan)) {
    throw new RangeError(`ALLO_DEFAULT_PLAN must be one of ${PLANS.join(', ')}`);
  }
  return raw as Plan;
}

// At least 32 characters, so the key holds at least the 256 bits the tokens are signed with
// when it is random text (e.g. `openssl rand -base64 32`).
function readSecret(env: Env, name: string): Uint8Array | null {
  const raw = env[name];
  if (!raw) return null;
  if (raw.length < 32) throw new RangeError(`${name} must be at least 32 characters`);
  return Buffer.from(raw, 'utf8');
}

function readPath(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  return raw ? raw : null;
}

function readPublicUrl(env: Env): string | null {
  const raw = env.ALLO_PUBLIC_URL;
  if (!raw) return null;

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RangeError('ALLO_PUBLIC_URL must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError('ALLO_PUBLIC_URL must be an absolute http(s) URL');
  }
  return url.origin;
}
