/**
 * `allo-sessions/client`: the session client for ALLO's web, desktop and mobile apps. It
 * speaks only the public HTTP API and uses only web-standard APIs.
 * @module
 */
export { createSessionClient, SessionClient, API_PATHS } from './session-client.js';
export type { SignOutResult } from './session-client.js';
export { SESSION_CLIENT_DEFAULTS } from './session-client-options.js';
export type { SessionClientOptions } from './session-client-options.js';
export type {
  AccountInfo,
  AppPlatform,
  CheckingState,
  ClientPlatform,
  DeviceLimit,
  SessionInfo,
  SessionState,
  SignedInState,
  SignedOutCode,
  SignedOutReason,
  SignedOutState,
  UpdateRequiredState,
} from './session-state.js';
export type { Unsubscribe } from './listener-set.js';
export {
  isSessionClientError,
  SESSION_CLIENT_ERROR_CODES,
  SessionClientError,
} from './session-client-error.js';
export type { SessionClientErrorCode, SessionClientErrorOptions } from './session-client-error.js';
export type { StoredTokens, TokenStorage } from './token-storage.js';
export { MemoryTokenStorage } from './memory-token-storage.js';
export type { BrowserSignIn } from './browser-sign-in.js';
export { MemoryTabStorage, TabStore } from './tab-store.js';
export type { RestoredTab, SessionStateSource, StoredTabs, Tab, TabStorage } from './tab-store.js';
export { SYSTEM_CLIENT_CLOCK } from './client-clock.js';
export type { ClientClock } from './client-clock.js';
export { createDeviceId } from './client-crypto.js';
export type { ClientCrypto } from './client-crypto.js';
export type { FetchFunction } from './api-transport.js';
export { EventStreamParser } from './event-stream-parser.js';
export type { ServerSentEvent } from './event-stream-parser.js';
