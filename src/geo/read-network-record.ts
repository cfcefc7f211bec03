import type { NetworkHint } from './location.js';

/**
 * Organisation-name words that mark a network kind. Deliberately short: a hint is shown to
 * people, so a plain ISP is the answer whenever the name is not clearly one or the other.
 */
const KIND_PATTERNS: readonly (readonly [NetworkHint['kind'], RegExp])[] = [
  ['mobile', /\b(mobile|mobil|mobility|wireless|cellular|cellco|gsm|lte)\b/i],
  [
    'hosting',
    /\b(hosting|host|hoster|servers?|data ?cent(er|re)|cloud|vpn|colo|colocation|vps)\b/i,
  ],
  [
    'hosting',
    /\b(amazon|aws|azure|digitalocean|linode|akamai|ovh|hetzner|vultr|choopa|leaseweb)\b/i,
  ],
  ['hosting', /\b(contabo|scaleway|oracle|alibaba|tencent|cloudflare|m247|datacamp|mullvad)\b/i],
];

const ORGANISATION_FIELD = 'autonomous_system_organization';

/**
 * Turns one ASN-database record into a `NetworkHint`.
 *
 * Reads `autonomous_system_organization`, the field used by GeoLite2-ASN and by the DB-IP and
 * ip-location-db ASN files (and, under `traits`, by the larger MaxMind databases).
 *
 * @param record - A decoded record, or `null` when the address is not in the database.
 * @returns The hint, or `null` when the record names no organisation.
 */
export function readNetworkRecord(record: unknown): NetworkHint | null {
  const organisation = readOrganisation(record);
  if (organisation === null) return null;
  return { kind: classifyOrganisation(organisation), organisation };
}

function readOrganisation(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const fields = record as Record<string, unknown>;
  const traits = fields['traits'] as Record<string, unknown> | undefined;
  const name = fields[ORGANISATION_FIELD] ?? traits?.[ORGANISATION_FIELD];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

function classifyOrganisation(organisation: string): NetworkHint['kind'] {
  const match = KIND_PATTERNS.find(([, pattern]) => pattern.test(organisation));
  return match?.[0] ?? 'isp';
}
