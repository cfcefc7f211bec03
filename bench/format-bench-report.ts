/**
 * The bench report as small plain-text tables.
 * @module
 */
import {
  REVOCATION_DEFAULTS,
  type LatencyFigures,
  type RevocationSummary,
} from './measure-revocation.js';
import type { LookupCosts } from './measure-lookups.js';
import type { BenchReport, RouteResult } from './measure-routes.js';

const ROUTE_WIDTH = 30;
const NUMBER_WIDTH = 10;

/** Renders the report for a terminal. */
export function formatBenchReport(report: BenchReport): string {
  const seconds = (millis: number): string => `${millis / 1000} s`;
  const heading =
    `ALLO Sessions bench (Node ${report.node}): ${report.concurrency} connections, ` +
    `${seconds(report.warmupMillis)} warm-up, ${seconds(report.durationMillis)} per route`;
  const columns = ['req/s', 'p50 ms', 'p99 ms', 'errors'].map(alignRight);
  const ratios =
    `session check / bare, req/s: cookie ${report.ratios.cookie.toFixed(2)}, ` +
    `bearer ${report.ratios.bearer.toFixed(2)}`;

  return [
    heading,
    '',
    'route'.padEnd(ROUTE_WIDTH) + columns.join(''),
    ...report.results.map(formatRow),
    '',
    ratios,
    ...formatRevocation(report.revocation),
    ...formatLookups(report.lookups),
    '',
  ].join('\n');
}

function formatLookups(costs: LookupCosts | null): string[] {
  if (costs === null) return [];
  const micros = (value: number): string => `${value.toFixed(2)} µs`;
  return [
    '',
    `per call, in process: session check ${micros(costs.sessionCheckMicros)}, ` +
      `location lookup ${micros(costs.locationCachedMicros)} cached / ` +
      `${micros(costs.locationUncachedMicros)} uncached (database ${costs.geoStatus})`,
  ];
}

function formatRevocation(summary: RevocationSummary | null): string[] {
  if (summary === null) return [];
  const { promiseMillis, eventTimeoutMillis } = REVOCATION_DEFAULTS;
  const heading =
    `session.revoked on an app's event stream, ${summary.revocations} revocations one at a ` +
    `time: ${summary.late} heard after ${promiseMillis} ms, ${summary.missed} not within ` +
    `${eventTimeoutMillis} ms, ${summary.heardBeforeReturn} before the DELETE answer was read`;
  const columns = ['p50 ms', 'p99 ms', 'max ms'].map(alignRight);
  return [
    '',
    heading,
    ''.padEnd(ROUTE_WIDTH) + columns.join(''),
    formatLatency('after DELETE returned', summary.afterReturn),
    formatLatency('after DELETE was sent', summary.afterRequest),
  ];
}

function formatLatency(label: string, figures: LatencyFigures): string {
  const cells = [figures.p50Millis, figures.p99Millis, figures.maxMillis].map((millis) =>
    millis.toFixed(2),
  );
  return label.padEnd(ROUTE_WIDTH) + cells.map(alignRight).join('');
}

function formatRow(result: RouteResult): string {
  const cells = [
    Math.round(result.requestsPerSecond).toString(),
    result.p50Millis.toFixed(2),
    result.p99Millis.toFixed(2),
    result.errors.toString(),
  ];
  return result.route.padEnd(ROUTE_WIDTH) + cells.map(alignRight).join('');
}

function alignRight(cell: string): string {
  return cell.padStart(NUMBER_WIDTH);
}
