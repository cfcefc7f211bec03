/**
 * `allo-sessions geo <ip>`: what the service would say about an address.
 * @module
 */
import type { Config } from '../config/config.js';
import { describeLocation, describeNetwork } from '../geo/describe-location.js';
import type { GeoLocator } from '../geo/geo-locator.js';
import type { NetworkHint } from '../geo/location.js';
import { LOCATION_CAVEAT } from '../geo/location-caveat.js';
import {
  locationAttributionFor,
  openConfiguredGeoLocator,
} from '../geo/open-configured-geo-locator.js';
import { isPublicAddress } from '../network/address-class.js';
import { normalizeAddress } from '../network/normalize-address.js';

/** How long the command waits for the databases; there is no readiness to protect here. */
const GEO_COMMAND_WAIT_MILLIS = 30_000;

const USAGE = 'Usage: allo-sessions geo <ip>\n';

/** The labelled lines of the report, in order. */
type ReportLine = readonly [label: string, text: string];

/**
 * Looks an address up the way the service does and prints the address, whether it is public,
 * the place with its caveat, the network hint and the state of each database.
 * @returns 0 when the argument is an address, 1 when it is not, 2 when it is missing.
 */
export async function geoCommand(config: Config, args: readonly string[]): Promise<number> {
  const [text] = args;
  if (text === undefined || text.trim() === '') {
    process.stderr.write(USAGE);
    return 2;
  }

  const warnings: string[] = [];
  const geo = openConfiguredGeoLocator(config, (message) => warnings.push(message));
  await geo.whenReady(Math.max(GEO_COMMAND_WAIT_MILLIS, config.geoReadyTimeoutMillis));
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);

  const ip = normalizeAddress(text);
  const lines = ip === null ? describeNonAddress() : describeAddress(geo, ip);
  const databases = describeDatabases(config, geo, warnings);
  process.stdout.write(formatReport([...lines, ...databases]));
  return ip === null ? 1 : 0;
}

function describeNonAddress(): ReportLine[] {
  return [['Address', 'not an IP address: the service would record no address and no place']];
}

function describeAddress(geo: GeoLocator, ip: string): ReportLine[] {
  const isPublic = isPublicAddress(ip);
  const place = describeLocation(geo.locate(ip)) ?? 'unknown';
  return [
    ['Address', ip],
    ['Public', isPublic ? 'yes' : 'no (private, loopback, documentation or reserved range)'],
    ['Place', place],
    ['', LOCATION_CAVEAT],
    ['Network', describeNetworkLine(geo.network(ip))],
  ];
}

function describeNetworkLine(network: NetworkHint | null): string {
  if (network === null) return 'unknown';
  const owner = network.organisation ?? 'unnamed operator';
  const hint = describeNetwork(network);
  return hint === null ? `${owner} (an ISP: no hint shown)` : `${hint} (${owner})`;
}

function describeDatabases(config: Config, geo: GeoLocator, warnings: string[]): ReportLine[] {
  const source = config.geoCityDatabasePath ?? 'shipped DB-IP Lite';
  const attribution = locationAttributionFor(config);
  return [
    ['City DB', `${geo.status} (${source})`],
    ...(attribution === null ? [] : [['', attribution] as const]),
    ['ASN DB', describeAsnDatabase(config.geoAsnDatabasePath, warnings)],
  ];
}

function describeAsnDatabase(path: string | null, warnings: readonly string[]): string {
  if (path === null) return 'not configured (set ALLO_GEOIP_ASN_DB for network hints)';
  const failed = warnings.some((warning) => warning.includes('ASN database'));
  return `${failed ? 'unavailable' : 'ready'} (${path})`;
}

function formatReport(lines: readonly ReportLine[]): string {
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  const format = ([label, text]: ReportLine): string =>
    `${label === '' ? '' : `${label}:`}`.padEnd(width) + text;
  return `${lines.map(format).join('\n')}\n`;
}
