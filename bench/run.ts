/**
 * `npm run bench`: what checking a session costs next to a route that checks nothing, and how
 * soon an online app hears that its session was ended, measured against the real service in
 * this process. `--json` prints machine-readable results instead of the table.
 * @module
 */
import { parseArgs } from 'node:util';
import { createBenchCredentials } from './create-bench-credentials.js';
import { formatBenchReport } from './format-bench-report.js';
import { measureLookups } from './measure-lookups.js';
import { measureRevocation } from './measure-revocation.js';
import { measureRoutes, type BenchReport } from './measure-routes.js';
import { startBenchService } from './start-bench-service.js';

/**
 * Runs the bench and prints the report; exits non-zero when any measured request failed or
 * any revocation was heard late or not at all.
 */
export async function runBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const service = await startBenchService();
  let report: BenchReport;
  try {
    const credentials = await createBenchCredentials(service.baseUrl);
    const routes = await measureRoutes(service.port, credentials);
    const revocation = await measureRevocation(service.baseUrl);
    report = { ...routes, revocation, lookups: await measureLookups() };
  } finally {
    await service.close();
  }

  const output = values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchReport(report);
  process.stdout.write(output);
  if (report.results.some((result) => result.errors > 0)) process.exitCode = 1;
  const { revocation } = report;
  if (revocation !== null && revocation.missed + revocation.late > 0) process.exitCode = 1;
}

await runBench(process.argv.slice(2));
