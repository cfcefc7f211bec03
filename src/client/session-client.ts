/**
 * The session client: one state for the app (signed in, signed out with the reason, update
 * required), kept true by session checks, token renewal and the service's events stream.
 * @module
 */
import { ApiTransport } from './api-transport.js';
import { AuthorizedFetcher } from './authorized-fetcher.js';
import {
  prepareAuthorization,
  readAuthorizationCallback,
  type BrowserSignIn,
  type PendingAuthorization,
} from './browser-sign-in.js';
import { generateRandomFraction } from './client-crypto.js';
import { endSessionOnServer, SIGN_OUT_PATH } from './end-session-on-server.js';
import type { SessionEventMeaning } from './interpret-session-event.js';
import { ListenerSet, reportAsync, type Unsubscribe } from './listener-set.js';
import { OAuthClient } from './oauth-client.js';
import {
  readSessionList,
  readSessionPayload,
  readSignInPayload,
  type SessionPayload,
} from './read-session-payload.js';
import { readJsonBody, readProblem } from './read-problem.js';
import { readUpdateRequired } from './read-signed-out-reason.js';
import {
  createHttpError,
  createProtocolError,
  createSignedOutError,
  isSessionClientError,
  SessionClientError,
} from './session-client-error.js';
import {
  resolveOptions,
  type ResolvedOptions,
  type SessionClientOptions,
} from './session-client-options.js';
import type {
  DeviceLimit,
  SessionInfo,
  SessionState,
  SignedInState,
  SignedOutReason,
  UpdateRequiredState,
} from './session-state.js';
import { RetryingCheck } from './retrying-check.js';
import { EVENTS_PATH, SessionEventsFeed } from './session-events-feed.js';
import { SyncGate } from './sync-gate.js';
import { TokenKeeper } from './token-keeper.js';

/** The API paths the client uses. */
export const API_PATHS = Object.freeze({
  signIn: '/api/v1/sign-in',
  session: '/api/v1/session',
  signOut: SIGN_OUT_PATH,
  sessions: '/api/v1/sessions',
  events: EVENTS_PATH,
});

/** The header with which the service recommends a newer app version. */
export const UPDATE_RECOMMENDED_HEADER = 'x-allo-update-recommended';

/** Errors after which a session check has a definite answer (no retry). */
const SETTLING_CODES = ['ERR_CLIENT_SIGNED_OUT', 'ERR_CLIENT_UPDATE_REQUIRED', 'ERR_CLIENT_CLOSED'];

/** What `signOut()` achieved. */
export interface SignOutResult {
  /** Whether the service confirmed the session ended; false when it was unreachable. */
  endedOnServer: boolean;
}

/**
 * Keeps one app install's session. Create it with {@link createSessionClient}, call
 * `restore()` at start, and read `state` or `subscribe()` to it.
 */
export class SessionClient {
  readonly #options: ResolvedOptions;
  readonly #transport: ApiTransport;
  readonly #oauth: OAuthClient | null;
  readonly #tokens: TokenKeeper;
  readonly #gate = new SyncGate();
  readonly #listeners = new ListenerSet<SessionState>();
  readonly #changeListeners = new ListenerSet<void>();
  #state: SessionState = { status: 'signed_out', reason: null };
  #online = true;
  #closed = false;
  #connectivity = new AbortController();
  readonly #check: RetryingCheck;
  readonly #fetcher: AuthorizedFetcher;
  readonly #events: SessionEventsFeed;
  #wantsEvents = false;
  // Bumped on every sign-in and sign-out, so answers to an older session are ignored.
  #epoch = 0;

  constructor(options: SessionClientOptions) {
    this.#options = resolveOptions(options);
    this.#transport = new ApiTransport(this.#options);
    const { platform } = this.#options;
    this.#oauth = platform === 'web' ? null : new OAuthClient(this.#transport, `allo-${platform}`);
    this.#tokens = new TokenKeeper({
      storage: this.#options.storage,
      clock: this.#options.clock,
      renew: (refreshToken) => this.#requireOAuth().refresh(refreshToken),
    });
    this.#fetcher = new AuthorizedFetcher(this.#transport, this.#tokens, {
      inspect: (response) => this.#inspect(response),
      forget: (reason) => this.#forget(reason),
      currentReason: () => (this.#state.status === 'signed_out' ? this.#state.reason : null),
    });
    this.#check = new RetryingCheck({
      check: () => this.#checkOnce(),
      clock: this.#options.clock,
      backoff: this.#options.backoff,
      randomFraction: () => this.#random(),
    });
    this.#events = new SessionEventsFeed({
      transport: this.#transport,
      fetcher: this.#fetcher,
      clock: this.#options.clock,
      backoff: this.#options.backoff,
      idleTimeoutMillis: this.#options.eventsIdleTimeoutMillis,
      randomFraction: () => this.#random(),
      onMeaning: (meaning) => this.#handleEvent(meaning),
    });
    const { onStateChange } = this.#options;
    if (onStateChange !== null) this.#listeners.add(onStateChange);
  }

  /** The current state. */
  get state(): SessionState {
    return this.#state;
  }

  /** Whether the app last said it is online (`goOnline()`, the default) rather than offline. */
  get isOnline(): boolean {
    return this.#online;
  }

  /** Calls `listener` with every new state (not the current one); returns the unsubscribe. */
  subscribe(listener: (state: SessionState) => void): Unsubscribe {
    return this.#listeners.add(listener);
  }

  /** Calls `listener` when the account's session list changed (events stream). */
  onSessionsChanged(listener: () => void): Unsubscribe {
    return this.#changeListeners.add(listener);
  }

  /**
   * Signs in with email and password. A session this client held before is ended first.
   * @throws SessionClientError `ERR_CLIENT_INVALID_CREDENTIALS`, `ERR_CLIENT_UPDATE_REQUIRED`,
   *   `ERR_CLIENT_NETWORK`, `ERR_CLIENT_OFFLINE` or `ERR_CLIENT_HTTP`.
   */
  async signInWithPassword(email: string, password: string): Promise<SignedInState> {
    this.#ensureOnline();
    await this.#endPreviousSession();

    const body = JSON.stringify({ email, password });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const url = this.#transport.resolve(API_PATHS.signIn);
    const response = await this.#inspect(await this.#transport.send(url, init, null));
    if (!response.ok) throw await signInError(response);

    const payload = readSignInPayload(await readJsonBody(response));
    if (!this.#transport.isWeb) {
      if (payload.token === null) throw createProtocolError('the sign-in answer has no token');
      const { refreshToken, expiresInSeconds } = payload;
      await this.#tokens.keep({ accessToken: payload.token, refreshToken, expiresInSeconds });
    }
    this.#epoch += 1;
    return this.#enterSignedIn(payload, response);
  }

  /**
   * Starts a sign-in through the system browser (authorization code with PKCE S256).
   * @param options.redirectUri - Where the browser comes back, e.g.
   *   `http://127.0.0.1:<port>/callback` for the desktop app.
   * @throws TypeError on `web`, or without Web Crypto.
   */
  async beginBrowserSignIn(options: { redirectUri: string }): Promise<BrowserSignIn> {
    this.#ensureOnline();
    const oauth = this.#requireOAuth();
    const crypto = this.#options.crypto;
    if (crypto === null) throw new TypeError('Browser sign-in needs Web Crypto; pass `crypto`.');

    const metadata = await oauth.metadata();
    const { redirectUri } = options;
    const clientId = oauth.clientId;
    const prepared = await prepareAuthorization({ metadata, clientId, redirectUri, crypto });
    let pending: PendingAuthorization | null = prepared.pending;
    return {
      authorizationUrl: prepared.authorizationUrl.toString(),
      complete: async (callbackUrl) => {
        if (pending === null) throw alreadyCompleted();
        const attempt = pending;
        pending = null;
        return this.#completeBrowserSignIn(callbackUrl, attempt);
      },
    };
  }

  /**
   * Loads the stored tokens and checks the session with the service. While the service is
   * unreachable the state stays `checking` and the check is retried with backoff.
   */
  async restore(): Promise<SessionState> {
    this.#ensureOpen();
    if (!this.#transport.isWeb && (await this.#tokens.load()) === null) {
      this.#settleSignedOut(null);
      return this.#state;
    }
    this.#setState({ status: 'checking' });
    if (this.#online) await this.#startChecking();
    return this.#state;
  }

  /**
   * Sends a request to the service with this session's credential. An expired access token
   * is renewed once (one refresh shared by concurrent callers) and the request retried; so
   * the body must be one that can be sent twice (text, `Blob`, `FormData`, `URLSearchParams`).
   * @param path - An API path such as `/api/v1/sessions`.
   * @throws SessionClientError `ERR_CLIENT_SIGNED_OUT` (with `reason`) when the service ended
   *   the session, `ERR_CLIENT_UPDATE_REQUIRED`, `ERR_CLIENT_OFFLINE` or `ERR_CLIENT_NETWORK`.
   */
  async fetchWithSession(path: string, init: RequestInit = {}): Promise<Response> {
    this.#ensureOnline();
    if (this.#state.status === 'checking') await this.#check.inFlight;
    this.#ensureSignedIn();
    return this.#fetcher.fetch(this.#transport.resolve(path), init);
  }

  /** The account's live sessions, this one first. */
  async listSessions(): Promise<SessionInfo[]> {
    const response = await this.fetchWithSession(API_PATHS.sessions);
    if (!response.ok) throw createHttpError(response.status, 'The session list');
    return readSessionList(await readJsonBody(response));
  }

  /** Ends this session on the service (when reachable) and forgets it here. */
  async signOut(): Promise<SignOutResult> {
    this.#ensureOpen();
    const endedOnServer = await this.#endOnServer();
    await this.#forget(null);
    return { endedOnServer };
  }

  /** The app lost its connection: sync waits, and the events stream stops. */
  goOffline(): void {
    this.#online = false;
    this.#connectivity.abort();
    this.#events.pause();
    this.#gate.close();
  }

  /**
   * The app is back online: the session is checked before `whenSyncAllowed()` lets sync
   * run, and the events stream resumes after a successful check.
   */
  async goOnline(): Promise<SessionState> {
    this.#ensureOpen();
    if (this.#online) return this.#state;
    this.#online = true;
    this.#connectivity = new AbortController();
    const status = this.#state.status;
    if (status === 'signed_in' || status === 'checking') {
      this.#setState({ status: 'checking' });
      await this.#startChecking();
    }
    return this.#state;
  }

  /**
   * Resolves once the service has confirmed the session since the app was last offline.
   * Rejects with `ERR_CLIENT_SIGNED_OUT` (and the reason) or `ERR_CLIENT_UPDATE_REQUIRED`.
   */
  whenSyncAllowed(): Promise<void> {
    return this.#gate.wait();
  }

  /**
   * Follows the service's events stream while signed in and online: session list changes,
   * this session's end (then the stream stops), device limit and required updates.
   */
  followEvents(): void {
    this.#ensureOpen();
    this.#wantsEvents = true;
    if (this.#state.status === 'signed_in' && this.#online) this.#events.start();
  }

  /** Stops everything: the events stream, checks and listeners. Tokens stay stored. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connectivity.abort();
    this.#events.pause();
    this.#gate.refuse(new SessionClientError('ERR_CLIENT_CLOSED', 'The client was closed.'));
    this.#listeners.clear();
    this.#changeListeners.clear();
  }

  async #completeBrowserSignIn(
    callbackUrl: string,
    pending: PendingAuthorization,
  ): Promise<SessionState> {
    const code = readAuthorizationCallback(callbackUrl, pending);
    const { redirectUri, codeVerifier } = pending;
    const grant = await this.#requireOAuth().exchangeCode({ code, redirectUri, codeVerifier });

    await this.#endPreviousSession();
    await this.#tokens.keep(grant);
    this.#epoch += 1;
    this.#setState({ status: 'checking' });
    await this.#startChecking();
    return this.#state;
  }

  /** Notes update headers; a 426 moves the client to `update_required` and throws. */
  async #inspect(response: Response): Promise<Response> {
    this.#noteUpdateRecommended(response.headers.get(UPDATE_RECOMMENDED_HEADER));
    if (response.status !== 426) return response;

    const problem = await readProblem(response);
    const state = readUpdateRequired(problem);
    this.#enterUpdateRequired(state);
    throw new SessionClientError('ERR_CLIENT_UPDATE_REQUIRED', state.message, {
      status: 426,
      serviceCode: problem.code,
    });
  }

  #noteUpdateRecommended(version: string | null): void {
    const state = this.#state;
    if (version === null || state.status !== 'signed_in') return;
    this.#setState({ ...state, updateRecommended: version });
  }

  #startChecking(): Promise<boolean> {
    return this.#check.start(this.#connectivity.signal);
  }

  /** One session check; true when it reached an answer (signed in, out, or update). */
  async #checkOnce(): Promise<boolean> {
    const epoch = this.#epoch;
    try {
      const url = this.#transport.resolve(API_PATHS.session);
      const response = await this.#fetcher.fetch(url, { method: 'GET' });
      if (!response.ok) {
        await response.body?.cancel();
        return false;
      }
      const payload = readSessionPayload(await readJsonBody(response));
      if (epoch === this.#epoch) this.#enterSignedIn(payload, response);
      return true;
    } catch (error) {
      return isSessionClientError(error) && SETTLING_CODES.includes(error.code);
    }
  }

  #enterSignedIn(payload: SessionPayload, response: Response): SignedInState {
    const { account, session, deviceLimit } = payload;
    const state: SignedInState = {
      status: 'signed_in',
      account,
      session,
      deviceLimit,
      deviceLimitExceeded: deviceLimit?.exceeded ?? false,
      updateRecommended: response.headers.get(UPDATE_RECOMMENDED_HEADER),
    };
    this.#setState(state);
    if (this.#online) this.#gate.open();
    if (this.#online && this.#wantsEvents) this.#events.start();
    return state;
  }

  #enterUpdateRequired(state: UpdateRequiredState): void {
    this.#stopEvents();
    this.#setState(state);
    this.#gate.refuse(new SessionClientError('ERR_CLIENT_UPDATE_REQUIRED', state.message));
  }

  /** Forgets the session here: tokens, events, state. The state changes before any await. */
  async #forget(reason: SignedOutReason | null): Promise<void> {
    this.#epoch += 1;
    this.#stopEvents();
    this.#settleSignedOut(reason);
    await this.#tokens.clear();
  }

  #settleSignedOut(reason: SignedOutReason | null): void {
    this.#setState({ status: 'signed_out', reason });
    this.#gate.refuse(createSignedOutError(reason));
  }

  async #endOnServer(): Promise<boolean> {
    if (!this.#online) return false;
    const tokens = this.#tokens.current;
    return endSessionOnServer({ transport: this.#transport, oauth: this.#oauth, tokens });
  }

  /** Ends the session held before a new sign-in, so it neither lingers nor shows. */
  async #endPreviousSession(): Promise<void> {
    const hadSession = this.#tokens.current !== null || this.#state.status === 'signed_in';
    if (!hadSession) return;
    await this.#endOnServer();
    await this.#forget(null);
  }

  #stopEvents(): void {
    this.#wantsEvents = false;
    this.#events.reset();
  }

  #handleEvent(meaning: SessionEventMeaning): 'continue' | 'stop' {
    switch (meaning.kind) {
      case 'sessions_changed':
        this.#changeListeners.emit();
        return 'continue';
      case 'session_ended':
        this.#forget(meaning.reason).catch(reportAsync);
        return 'stop';
      case 'update_required':
        this.#enterUpdateRequired(meaning.state);
        return 'stop';
      case 'device_limit':
        this.#noteDeviceLimit(meaning.deviceLimit);
        return 'continue';
      case 'ignored':
        return 'continue';
    }
  }

  #noteDeviceLimit(deviceLimit: DeviceLimit): void {
    const state = this.#state;
    if (state.status !== 'signed_in') return;
    this.#setState({ ...state, deviceLimit, deviceLimitExceeded: deviceLimit.exceeded });
  }

  #setState(state: SessionState): void {
    // Listeners hear of changes only; restoring nothing leaves `signed_out` as it was.
    if (JSON.stringify(state) === JSON.stringify(this.#state)) return;
    this.#state = state;
    this.#listeners.emit(state);
  }

  #random(): number {
    const crypto = this.#options.crypto;
    return crypto === null ? 0.5 : generateRandomFraction(crypto);
  }

  #requireOAuth(): OAuthClient {
    if (this.#oauth === null) throw new TypeError('The web platform signs in with its cookie.');
    return this.#oauth;
  }

  #ensureOpen(): void {
    if (this.#closed) throw new SessionClientError('ERR_CLIENT_CLOSED', 'The client was closed.');
  }

  #ensureOnline(): void {
    this.#ensureOpen();
    if (!this.#online) {
      throw new SessionClientError('ERR_CLIENT_OFFLINE', 'The app is offline; nothing was sent.');
    }
  }

  #ensureSignedIn(): void {
    const state = this.#state;
    switch (state.status) {
      case 'signed_in':
        return;
      case 'signed_out':
        throw createSignedOutError(state.reason);
      case 'update_required':
        throw new SessionClientError('ERR_CLIENT_UPDATE_REQUIRED', state.message);
      case 'checking':
        throw new SessionClientError('ERR_CLIENT_NETWORK', 'The session is not confirmed yet.');
    }
  }
}

/** Creates a session client; see {@link SessionClientOptions}. */
export function createSessionClient(options: SessionClientOptions): SessionClient {
  return new SessionClient(options);
}

async function signInError(response: Response): Promise<SessionClientError> {
  const problem = await readProblem(response);
  if (response.status !== 401) return createHttpError(response.status, 'Sign-in', problem.code);
  return new SessionClientError(
    'ERR_CLIENT_INVALID_CREDENTIALS',
    'That email and password do not match an account.',
    { status: 401, serviceCode: problem.code },
  );
}

function alreadyCompleted(): SessionClientError {
  return new SessionClientError('ERR_CLIENT_STATE_MISMATCH', 'This sign-in was already completed.');
}
