/**
 * One simulated ALLO app in a terminal: it signs in with the client library, prints its
 * session state as it changes, remembers tabs, and obeys line commands.
 * @module
 */
import { join } from 'node:path';
import {
  createSessionClient,
  isSessionClientError,
  MemoryTokenStorage,
  TabStore,
  type FetchFunction,
  type SessionClient,
} from '../client/index.js';
import { CookieJar } from './cookie-jar.js';
import type { DeviceOptions } from './device-options.js';
import { FileTabStorage } from './file-tab-storage.js';
import { FileTokenStorage } from './file-token-storage.js';
import { formatSessionLine, formatStateLine } from './format-state-line.js';
import type { DeviceIo, LineReader } from './line-reader.js';
import { listenForCallback } from './listen-for-callback.js';
import { ensurePrivateDirectory } from './private-file.js';
import { readDeviceId } from './read-device-id.js';

/** The commands a device takes, with what each does. */
export const DEVICE_COMMANDS = Object.freeze({
  status: 'show the session state',
  sessions: "list the account's sessions",
  tabs: 'list the remembered tabs (locked until the session is confirmed)',
  'open <title>': 'open a tab and remember it',
  offline: 'lose the connection',
  online: 'come back online: the session is checked before anything syncs',
  sync: 'sync as soon as the session allows it',
  'sign-in': 'sign in again',
  'sign-out': 'sign out of this device',
  help: 'show these commands',
  quit: 'stop (the session stays signed in for the next run)',
});

type Command = (argument: string) => Promise<void> | void;

/** A simulated device, from start to `quit`. */
export class DeviceSimulator {
  readonly #options: DeviceOptions;
  readonly #io: DeviceIo;
  readonly #lines: LineReader;
  #client: SessionClient | null = null;
  #tabs: TabStore | null = null;
  #password: string | null;

  constructor(options: DeviceOptions, io: DeviceIo, lines: LineReader) {
    this.#options = options;
    this.#io = io;
    this.#lines = lines;
    this.#password = options.password;
  }

  /** Starts the device, then runs commands until `quit` or the end of input. */
  async run(): Promise<void> {
    await this.#start();
    for (let line = await this.#lines.next(); line !== null; line = await this.#lines.next()) {
      if (!(await this.#runLine(line.trim()))) break;
    }
    this.#stop();
  }

  async #start(): Promise<void> {
    const client = await this.#createClient();
    this.#client = client;
    this.#tabs = new TabStore({ client, storage: this.#tabStorage() });
    client.subscribe((state) => this.#say(formatStateLine(state)));
    client.onSessionsChanged(() => this.#say('sessions changed'));

    const state = await client.restore();
    if (state.status === 'signed_out') await this.#signInAtStart();
    this.#followEvents();
  }

  async #createClient(): Promise<SessionClient> {
    const { stateDir, platform, server, appVersion } = this.#options;
    await ensurePrivateDirectory(stateDir);
    const deviceId =
      platform === 'web' ? undefined : await readDeviceId(join(stateDir, 'device-id'));
    // A browser keeps its cookie in the profile; the client never sees a token there.
    const storage =
      platform === 'web'
        ? new MemoryTokenStorage()
        : new FileTokenStorage(join(stateDir, 'tokens.json'));
    const fetch = await this.#createFetch();
    return createSessionClient({ baseUrl: server, platform, appVersion, deviceId, storage, fetch });
  }

  async #createFetch(): Promise<FetchFunction> {
    const userAgent = this.#options.userAgent;
    const base: FetchFunction = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('user-agent', userAgent);
      return globalThis.fetch(input, { ...init, headers });
    };
    if (this.#options.platform !== 'web') return base;

    const jar = new CookieJar({ path: join(this.#options.stateDir, 'cookies.json') });
    await jar.load();
    return jar.wrap(base);
  }

  #tabStorage(): FileTabStorage {
    return new FileTabStorage(join(this.#options.stateDir, 'tabs.json'));
  }

  async #runLine(line: string): Promise<boolean> {
    if (line === '') return true;
    const space = line.indexOf(' ');
    const name = space === -1 ? line : line.slice(0, space);
    const argument = space === -1 ? '' : line.slice(space + 1).trim();
    if (name === 'quit' || name === 'exit') return false;

    const command = this.#commands()[name];
    if (command === undefined) {
      this.#say(`unknown command "${name}"; type help`);
      return true;
    }
    try {
      await command(argument);
    } catch (error) {
      this.#sayError(error);
    }
    return true;
  }

  #commands(): Record<string, Command> {
    return {
      status: () => this.#say(formatStateLine(this.#requireClient().state)),
      sessions: () => this.#listSessions(),
      tabs: () => this.#listTabs(),
      open: (title) => this.#openTab(title),
      offline: () => this.#goOffline(),
      online: () => this.#goOnline(),
      sync: () => this.#sync(),
      'sign-in': () => this.#signIn().then(() => this.#followEvents()),
      'sign-out': () => this.#signOut(),
      help: () => this.#help(),
    };
  }

  async #signInAtStart(): Promise<void> {
    const { email, browser } = this.#options;
    // From a pipe, an unasked question would swallow the first command instead.
    if (email !== null || browser || this.#io.isTerminal) return this.#signIn();
    this.#say('type sign-in to sign in');
  }

  async #signIn(): Promise<void> {
    if (this.#options.browser) return this.#signInWithBrowser();
    const email = this.#options.email ?? (await this.#lines.ask('Email: '));
    const password = this.#password ?? (await this.#lines.ask('Password: ', { hidden: true }));
    if (email === null || password === null) return this.#say('not signed in: no credentials');
    try {
      await this.#requireClient().signInWithPassword(email, password);
      this.#password = password;
    } catch (error) {
      this.#sayError(error);
    }
  }

  async #signInWithBrowser(): Promise<void> {
    const loopback = await listenForCallback();
    try {
      const client = this.#requireClient();
      const attempt = await client.beginBrowserSignIn({ redirectUri: loopback.redirectUri });
      this.#say(`open this address to sign in: ${attempt.authorizationUrl}`);
      await attempt.complete(await loopback.callbackUrl);
    } catch (error) {
      this.#sayError(error);
    } finally {
      loopback.close();
    }
  }

  #followEvents(): void {
    const client = this.#requireClient();
    if (client.state.status === 'signed_in') client.followEvents();
  }

  async #listSessions(): Promise<void> {
    const sessions = await this.#requireClient().listSessions();
    this.#say(`${sessions.length} session${sessions.length === 1 ? '' : 's'}:`);
    for (const session of sessions) this.#say(`  ${formatSessionLine(session)}`);
  }

  async #listTabs(): Promise<void> {
    const tabs = await this.#requireTabs().restore();
    if (tabs.length === 0) return this.#say('no tabs');
    this.#say(`${tabs.length} tab${tabs.length === 1 ? '' : 's'}:`);
    for (const tab of tabs) this.#say(`  ${tab.title}${tab.locked ? ' [locked]' : ''}`);
  }

  async #openTab(title: string): Promise<void> {
    if (title === '') return this.#say('usage: open <title>');
    const tabs = await this.#requireTabs().restore();
    const opened = { id: `tab-${tabs.length + 1}`, title };
    await this.#requireTabs().remember([...tabs.map(({ id, title }) => ({ id, title })), opened]);
    this.#say(`opened "${title}"`);
  }

  #goOffline(): void {
    this.#requireClient().goOffline();
    this.#say('offline');
  }

  async #goOnline(): Promise<void> {
    this.#say('online');
    const client = this.#requireClient();
    const online = client.goOnline();
    await this.#sync();
    await online;
    this.#followEvents();
  }

  async #sync(): Promise<void> {
    let settled = false;
    this.#requireClient()
      .whenSyncAllowed()
      .then(
        () => this.#say('sync allowed'),
        (error: unknown) => this.#say(`sync refused — ${describeError(error)}`),
      )
      .finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    if (!settled) this.#say('sync waits for the session check');
  }

  async #signOut(): Promise<void> {
    const { endedOnServer } = await this.#requireClient().signOut();
    if (!endedOnServer) this.#say('the service could not be told; this device forgot the session');
  }

  #help(): void {
    for (const [name, what] of Object.entries(DEVICE_COMMANDS)) {
      this.#say(`  ${name.padEnd(14)} ${what}`);
    }
  }

  #stop(): void {
    this.#tabs?.close();
    this.#client?.close();
  }

  #requireClient(): SessionClient {
    if (this.#client === null) throw new Error('The device has not started.');
    return this.#client;
  }

  #requireTabs(): TabStore {
    if (this.#tabs === null) throw new Error('The device has not started.');
    return this.#tabs;
  }

  #say(text: string): void {
    this.#io.output.write(`[${this.#options.name}] ${text}\n`);
  }

  #sayError(error: unknown): void {
    this.#say(`error — ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  if (isSessionClientError(error)) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
