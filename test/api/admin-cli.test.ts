import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { adminCommand, type CommandOutput } from '../../src/cli/admin-command.js';
import { loadConfig } from '../../src/config/config.js';
import { SILENT_LOG } from '../../src/http/create-security-services.js';
import { USER_AGENTS, type TestClient } from '../support/test-client.js';
import { PASSWORD, startTestServer, uniqueEmail, type TestServer } from '../support/test-server.js';

const run = promisify(execFile);

let dir: string;
let databaseUrl: string;
let server: TestServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allo-admin-cli-'));
  databaseUrl = join(dir, 'allo.db');
  server = await startTestServer({}, { databaseUrl });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `allo-sessions admin …` in-process against the server's database. */
async function admin(...args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const errors: string[] = [];
  const output: CommandOutput = { out: (line) => out.push(line), err: (line) => errors.push(line) };
  const config = loadConfig({}, { databaseUrl, outboxDir: join(dir, 'outbox') });
  const code = await adminCommand(config, args, output, SILENT_LOG);
  return { code, out, err: errors.join('\n') };
}

async function signedIn(): Promise<{ email: string; chrome: TestClient }> {
  const email = uniqueEmail();
  const chrome = server.client({ userAgent: USER_AGENTS.chromeWindows });
  await chrome.signUp(email, PASSWORD);
  return { email, chrome };
}

describe('allo-sessions admin', () => {
  it("lists an account's sessions and ends them, on the running service's database", async () => {
    const { email, chrome } = await signedIn();
    const listed = await admin('sessions', email);
    assert.equal(listed.code, 0);
    const { account, sessions } = JSON.parse(listed.out[0] ?? '');
    assert.equal(account.email, email);
    assert.deepEqual(
      sessions.map((session: { label: string }) => session.label),
      ['Chrome on Windows'],
    );

    const ended = await admin('end-session', account.id, sessions[0].id);
    assert.equal(ended.code, 0);
    const refused = await chrome.request('GET', '/api/v1/session');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.reason, 'admin_revoked');
  });

  it('disables and enables an account; sessions stay ended', async () => {
    const { email, chrome } = await signedIn();
    const disabled = await admin('disable', email);
    assert.equal(disabled.code, 0);
    assert.equal(JSON.parse(disabled.out[0] ?? '').endedSessions, 1);
    assert.equal((await chrome.request('GET', '/api/v1/session')).body.reason, 'account_disabled');
    assert.equal((await server.client().signIn(email, PASSWORD)).status, 403);

    assert.equal((await admin('enable', email)).code, 0);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 401);
    assert.equal((await server.client().signIn(email, PASSWORD)).status, 200);
  });

  it('asks for --yes before deleting or signing everyone out', async () => {
    const { email, chrome } = await signedIn();
    const unconfirmed = await admin('delete', email);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.err, /--yes/);
    assert.equal((await admin('sign-out-everyone')).code, 2);
    assert.equal((await chrome.request('GET', '/api/v1/session')).status, 200);

    assert.equal((await admin('delete', email, '--yes')).code, 0);
    assert.equal((await chrome.request('GET', '/api/v1/session')).body.reason, 'account_deleted');
  });

  it('reports an unknown account with its error code and exit code 1', async () => {
    const result = await admin('sign-out-all', uniqueEmail('nobody'));
    assert.equal(result.code, 1);
    assert.match(result.err, /^account_not_found: /);
  });

  it('records its actions as security events by the admin CLI, printed as NDJSON', async () => {
    const { email } = await signedIn();
    await admin('sign-out-all', email);
    const printed = await admin('events', '--since', '0', '--limit', '500');
    assert.equal(printed.code, 0);
    const events = printed.out.map((line) => JSON.parse(line));
    const ended = events.filter((event) => event.type === 'admin_sessions_ended').at(-1);
    assert.equal(ended.clientLabel, 'admin CLI');
    assert.equal(ended.details.via, 'cli');
    assert.equal(ended.actor, 'admin');
  });

  it('runs as the real command, with DATABASE_URL from the environment', async () => {
    const { email } = await signedIn();
    const bin = join(import.meta.dirname, '../../bin/allo-sessions.js');
    const { stdout, stderr } = await run(process.execPath, [bin, 'admin', 'sessions', email], {
      env: { ...process.env, DATABASE_URL: databaseUrl, ALLO_ADMIN_TOKEN: '' },
    });
    assert.equal(JSON.parse(stdout.trim()).account.email, email);
    const logLine = JSON.parse(stderr.trim().split('\n').at(-1) ?? '');
    assert.equal(logLine.msg, 'security event');
    assert.equal(logLine.securityEvent.type, 'admin_sessions_viewed');
  });
});
