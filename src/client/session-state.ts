/**
 * The one state a session client is in, and the shapes the public API answers with.
 * @module
 */

/** Where the client runs: a browser, or one of ALLO's apps. */
export type ClientPlatform = 'web' | 'desktop' | 'ios' | 'android';

/** The platforms that identify themselves with `X-Allo-Client` and hold bearer tokens. */
export type AppPlatform = Exclude<ClientPlatform, 'web'>;

/** The signed-in account, as the API describes it. */
export interface AccountInfo {
  id: string;
  email: string;
  name: string | null;
}

/** One session, as the API describes it. Times are ISO 8601 UTC. */
export interface SessionInfo {
  id: string;
  /** Whether this is the session making the request. */
  current: boolean;
  clientKind: 'web' | 'desktop' | 'mobile';
  /** How people name it: `Chrome on Windows`, `ALLO for iPhone 5.1.3`. */
  label: string;
  platform: string | null;
  appVersion: string | null;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  signInMethod: string;
  signedInAt: string;
  lastActiveAt: string;
  expiresAt: string | null;
  ip: string | null;
}

/** The advisory device limit of the account's plan or policy. It never signs anyone out. */
export interface DeviceLimit {
  limit: number;
  count: number;
  /** What set the limit, such as `plan` or `policy`. */
  source: string;
  exceeded: boolean;
}

/**
 * Why the client is signed out. The service's revocation reasons:
 * - `signed_out`: this device signed out;
 * - `revoked`: the owner ended it from another session (`by` names that session);
 * - `signed_out_everywhere`: the owner signed out of all devices;
 * - `refresh_token_reused`, `authorization_code_reused`: a credential came back after use
 *   and the session was ended as stolen;
 * - `password_changed`, `password_reset`: the password changed and other sessions ended;
 * - `account_disabled`, `account_deleted`, `admin_revoked`: an operator or the owner closed
 *   the account or ended the session;
 * - `not_recognised`: the owner answered a new-device alert with "This wasn't me".
 *
 * And the client's own findings:
 * - `expired`: the session passed its idle or absolute limit;
 * - `refresh_rejected`: the service refused to renew the sign-in;
 * - `unauthenticated`: the service does not know the credential;
 * - `ended`: the session ended for a reason newer than this client.
 */
export type SignedOutCode =
  | 'signed_out'
  | 'revoked'
  | 'signed_out_everywhere'
  | 'refresh_token_reused'
  | 'authorization_code_reused'
  | 'password_changed'
  | 'password_reset'
  | 'account_disabled'
  | 'account_deleted'
  | 'admin_revoked'
  | 'not_recognised'
  | 'expired'
  | 'refresh_rejected'
  | 'unauthenticated'
  | 'ended';

/** What a signed-out device can tell its person. */
export interface SignedOutReason {
  code: SignedOutCode;
  /** A sentence for people, without the time (format `at` in the person's time zone). */
  message: string;
  /** When the session ended, ISO 8601. */
  at?: string;
  /** The label of the session that ended this one. */
  by?: string;
}

/** No session; `reason` is null when there is nothing to explain (no sign-in, own sign-out). */
export interface SignedOutState {
  status: 'signed_out';
  reason: SignedOutReason | null;
}

/** A credential is held but the service has not confirmed it yet (restoring, back online). */
export interface CheckingState {
  status: 'checking';
}

/** The service confirmed the session. */
export interface SignedInState {
  status: 'signed_in';
  account: AccountInfo;
  session: SessionInfo;
  deviceLimit: DeviceLimit | null;
  /** Whether the account is over its advisory device limit; a warning, never a block. */
  deviceLimitExceeded: boolean;
  /** A newer app version the service recommends, or null. */
  updateRecommended: string | null;
}

/** This app version may no longer sign in; it must be updated first. */
export interface UpdateRequiredState {
  status: 'update_required';
  minVersion: string;
  updateUrl: string | null;
  message: string;
}

/** The state a session client is in; switch on `status`. */
export type SessionState = SignedOutState | CheckingState | SignedInState | UpdateRequiredState;
