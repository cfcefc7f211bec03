/**
 * Drives `allo-sessions device` the way a person at a terminal would: writes command lines,
 * reads the lines it prints. It runs as its own process once the CLI has the command, and
 * in this process until then.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough, type Readable } from 'node:stream';
import { deviceCommand } from '../../../src/cli/device-command.js';
import { waitUntil } from './wait-until.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'bin/allo-sessions.js';

/** One running simulated device. */
export interface DeviceDriver {
  /** Every line printed so far, on standard output and standard error. */
  readonly lines: string[];
  /** Writes one command line. */
  send(line: string): void;
  /** Waits for the next line (after the last one found) that matches. */
  waitForLine(pattern: RegExp, timeoutMillis?: number): Promise<string>;
  /** Ends the input, as a pipe closing, and waits for the exit code. */
  end(): Promise<number>;
}

/** Whether `allo-sessions device` is a command of the CLI yet. */
export function isDeviceCommandRegistered(): boolean {
  const result = spawnSync(process.execPath, [CLI, 'device', '--help'], {
    cwd: REPOSITORY,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return result.status === 0 && result.stdout.includes('Usage: allo-sessions device');
}

/** Starts a device with the given arguments (after `device`). */
export function startDevice(args: string[], mode: 'process' | 'in-process'): DeviceDriver {
  return mode === 'process' ? spawnDevice(args) : runDeviceHere(args);
}

function spawnDevice(args: string[]): DeviceDriver {
  const child = spawn(process.execPath, [CLI, 'device', ...args], { cwd: REPOSITORY });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  const lines = collectLines(child.stdout, child.stderr);
  return makeDriver(
    lines,
    (line) => child.stdin.write(line),
    () => child.stdin.end(),
    exited,
  );
}

function runDeviceHere(args: string[]): DeviceDriver {
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  const lines = collectLines(output, errors);
  const exited = deviceCommand(args, { input, output, errors, isTerminal: false });
  return makeDriver(
    lines,
    (line) => input.write(line),
    () => input.end(),
    exited,
  );
}

function collectLines(...streams: Readable[]): string[] {
  const lines: string[] = [];
  for (const stream of streams) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  return lines;
}

function makeDriver(
  lines: string[],
  write: (text: string) => void,
  close: () => void,
  exited: Promise<number>,
): DeviceDriver {
  let cursor = 0;
  return {
    lines,
    send: (line) => write(`${line}\n`),
    async waitForLine(pattern, timeoutMillis = 10_000) {
      let found = -1;
      const search = (): boolean => {
        found = lines.findIndex((line, index) => index >= cursor && pattern.test(line));
        return found !== -1;
      };
      const what = (): string => `a line matching ${pattern}; got:\n${lines.join('\n')}`;
      await waitUntil(search, what, timeoutMillis);
      cursor = found + 1;
      return lines[found] ?? '';
    },
    async end() {
      close();
      return exited;
    },
  };
}
