/**
 * The `allo-sessions` command: `serve` runs the service, `migrate` updates the database,
 * `geo` explains what the service makes of an address, `device` runs a simulated app.
 * @module
 */
import { loadConfig } from '../config/config.js';
import { adminCommand } from './admin-command.js';
import { deviceCommand } from './device-command.js';
import { geoCommand } from './geo-command.js';
import { migrateCommand } from './migrate-command.js';
import { serveCommand } from './serve-command.js';

const USAGE = `Usage: allo-sessions <command>

Commands:
  serve     Run the service (PORT, DATABASE_URL and ALLO_* variables configure it)
  migrate   Bring the database schema up to date, then exit
  geo <ip>  Show the place and network the service would give an address
  device    Run one simulated ALLO app (allo-sessions device --help)
  admin     Operator actions: sessions, disable, delete, events (allo-sessions admin --help)
`;

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }

  // A simulated device is a client: it needs none of the server's settings.
  if (command === 'device') return deviceCommand(args);

  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serveCommand(config);
    case 'migrate':
      return migrateCommand(config);
    case 'geo':
      return geoCommand(config, args);
    case 'admin':
      return adminCommand(config, args);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

try {
  const code = await runCli(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`allo-sessions: ${message}\n`);
  process.exitCode = 1;
}
