/**
 * Service configuration, read once from the environment, validated, then frozen.
 * @module
 */

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
