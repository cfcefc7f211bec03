/**
 * `allo-sessions admin <command>`: the admin API's actions for operators at a shell, on the
 * same services and database the running service uses. Every action is a security event.
 * @module
 */
import pino from 'pino';
import type { AccountAdminService, AdminActor } from '../accounts/account-admin-service.js';
import type { Config } from '../config/config.js';
import { AlloError } from '../domain/errors.js';
import { createServices } from '../http/create-services.js';
import type { OperationsLog } from '../http/create-security-services.js';
import { toStreamedSecurityEvent } from '../http/public-security-event.js';
import type { SecurityEventLog } from '../security/security-event-log.js';
import { openRedisServices, type RedisServices } from '../redis/open-redis-services.js';
import type { Session } from '../sessions/session.js';
import { openStore } from '../storage/open-store.js';

const USAGE = `Usage: allo-sessions admin <command>

Accounts are named by id (acc_…) or email. Output is JSON, one object per line.

Commands:
  sessions <account>                  List an account's live sessions
  end-session <account> <session-id>  End one session of an account
  sign-out-all <account>              End every session of an account
  disable <account>                   Disable an account and end all its sessions
  enable <account>                    Enable a disabled account (old sessions stay ended)
  delete <account> --yes              Delete an account: sessions end, the email is freed
  sign-out-everyone --yes             End every session of every account (after an incident)
  events [--since <id>] [--limit <n>] Print security events after an id, oldest first
`;

/** Where the command writes; the process's streams by default. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const PROCESS_OUTPUT: CommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** What one command needs: the admin actions, the event log, and who is acting. */
interface AdminContext {
  admin: AccountAdminService;
  events: SecurityEventLog;
  actor: AdminActor;
  output: CommandOutput;
}

/**
 * Runs one admin command against the configured database. Security events also go to
 * stderr as JSON log lines, as the service logs them.
 * @returns 0 on success, 1 when the action failed, 2 for a usage error.
 */
export async function adminCommand(
  config: Config,
  args: readonly string[],
  output: CommandOutput = PROCESS_OUTPUT,
  log: OperationsLog = stderrLog(),
): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || !isKnown(command)) {
    output.err(USAGE);
    return command === '--help' ? 0 : 2;
  }

  const opened = await openStore(config.databaseUrl);
  const redis = await openRedisIfConfigured(config, output);
  try {
    const services = await createServices({
      ...opened,
      config,
      events: redis?.events,
      operationsLog: log,
    });
    const context = {
      admin: services.admin,
      events: services.securityEvents,
      actor: { via: 'cli' as const, ip: null },
      output,
    };
    const code = await runCommand(command, rest, context);
    await services.background.settle();
    await services.securityEvents.flush();
    return code;
  } finally {
    await redis?.events.close();
    await redis?.close();
    await opened.store.close();
  }
}

const COMMANDS = [
  'sessions',
  'end-session',
  'sign-out-all',
  'disable',
  'enable',
  'delete',
  'sign-out-everyone',
  'events',
] as const;

type Command = (typeof COMMANDS)[number];

function isKnown(command: string): command is Command {
  return (COMMANDS as readonly string[]).includes(command);
}

async function runCommand(
  command: Command,
  args: readonly string[],
  context: AdminContext,
): Promise<number> {
  try {
    return await dispatch(command, args, context);
  } catch (error) {
    if (!(error instanceof AlloError)) throw error;
    context.output.err(`${error.code}: ${error.message}`);
    return 1;
  }
}

async function dispatch(
  command: Command,
  args: readonly string[],
  context: AdminContext,
): Promise<number> {
  const { admin, actor, output } = context;
  const [account, second] = args;
  const print = (value: unknown): void => output.out(JSON.stringify(value));
  const needsAccount = command !== 'sign-out-everyone' && command !== 'events';
  if (needsAccount && account === undefined) return usage(output);

  switch (command) {
    case 'sessions': {
      const listed = await admin.listSessions(account ?? '', actor);
      print({ account: accountSummary(listed.account), sessions: listed.sessions.map(summary) });
      return 0;
    }
    case 'end-session': {
      if (second === undefined) return usage(output);
      print({ ended: summary(await admin.endSession(account ?? '', second, actor)) });
      return 0;
    }
    case 'sign-out-all':
      print({ endedSessions: (await admin.endAllSessions(account ?? '', actor)).length });
      return 0;
    case 'disable': {
      const changed = await admin.disable(account ?? '', actor);
      print({ account: accountSummary(changed.account), endedSessions: changed.ended.length });
      return 0;
    }
    case 'enable':
      print({ account: accountSummary(await admin.enable(account ?? '', actor)) });
      return 0;
    case 'delete': {
      if (!args.includes('--yes')) return refuseUnconfirmed(output, 'delete <account> --yes');
      const changed = await admin.delete(account ?? '', actor);
      print({ account: accountSummary(changed.account), endedSessions: changed.ended.length });
      return 0;
    }
    case 'sign-out-everyone':
      if (!args.includes('--yes')) return refuseUnconfirmed(output, 'sign-out-everyone --yes');
      print({ endedSessions: await admin.endEverySession(actor) });
      return 0;
    case 'events':
      return printEvents(context, args);
  }
}

async function printEvents(context: AdminContext, args: readonly string[]): Promise<number> {
  const since = readNumberOption(args, '--since', 0);
  const limit = readNumberOption(args, '--limit', 100);
  if (since === null || limit === null) return usage(context.output);

  const events = await context.events.readFrom(since, limit);
  for (const event of events) context.output.out(JSON.stringify(toStreamedSecurityEvent(event)));
  return 0;
}

function readNumberOption(args: readonly string[], name: string, fallback: number): number | null {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

function summary(session: Session): Record<string, unknown> {
  return {
    id: session.id,
    label: session.label,
    clientKind: session.clientKind,
    ip: session.lastIp ?? session.ip,
    signedInAt: new Date(session.createdAt).toISOString(),
    lastActiveAt: new Date(session.lastActiveAt).toISOString(),
  };
}

function accountSummary(account: {
  id: string;
  email: string;
  disabledAt: number | null;
  deletedAt: number | null;
}): Record<string, unknown> {
  const iso = (millis: number | null): string | null =>
    millis === null ? null : new Date(millis).toISOString();
  return {
    id: account.id,
    email: account.email,
    disabledAt: iso(account.disabledAt),
    deletedAt: iso(account.deletedAt),
  };
}

function usage(output: CommandOutput): number {
  output.err(USAGE);
  return 2;
}

function refuseUnconfirmed(output: CommandOutput, example: string): number {
  output.err(`This cannot be undone; run it as: allo-sessions admin ${example}`);
  return 2;
}

// Other nodes hear about ended sessions through Redis, so their open pages and apps are told.
async function openRedisIfConfigured(
  config: Config,
  output: CommandOutput,
): Promise<RedisServices | null> {
  if (config.redisUrl === null) return null;
  const warn = (message: string): void => output.err(`warning: ${message}`);
  return openRedisServices(config.redisUrl, warn, config);
}

function stderrLog(): OperationsLog {
  return pino({ base: null }, pino.destination({ dest: 2, sync: true }));
}
