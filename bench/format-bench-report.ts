/**
 * The bench report as a small plain-text table.
 * @module
 */
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
    '',
  ].join('\n');
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
