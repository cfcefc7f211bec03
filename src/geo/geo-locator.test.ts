import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGeoLocator, type GeoLocator, type GeoLocatorOptions } from './geo-locator.js';

/** Loading both bundled files takes well under a second; this only guards against a hang. */
const LOAD_TIMEOUT_MILLIS = 30_000;

type MmdbValue = string | number | readonly MmdbValue[] | { readonly [key: string]: MmdbValue };

/** Encodes the small values used here in the MMDB data format (up to 284 bytes, uint32). */
function encodeValue(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const text = Buffer.from(value);
    return Buffer.concat([encodeControl(2, text.length), text]);
  }
  if (typeof value === 'number') {
    const number = Buffer.alloc(4);
    number.writeUInt32BE(value);
    return Buffer.concat([Buffer.from([(6 << 5) | 4]), number]);
  }
  if (Array.isArray(value)) {
    const items = (value as readonly MmdbValue[]).map(encodeValue);
    return Buffer.concat([Buffer.from([value.length, 11 - 7]), ...items]);
  }
  const entries = Object.entries(value as { [key: string]: MmdbValue });
  const pairs = entries.flatMap(([key, item]) => [encodeValue(key), encodeValue(item)]);
  return Buffer.concat([encodeControl(7, entries.length), ...pairs]);
}

function encodeControl(type: number, size: number): Buffer {
  // Sizes from 29 on spill into one extra byte holding size - 29.
  return size < 29 ? Buffer.from([(type << 5) | size]) : Buffer.from([(type << 5) | 29, size - 29]);
}

/** An IPv6-tree database whose single node sends every address to `record`. */
function encodeSingleRecordDatabase(record: MmdbValue): Buffer {
  const dataPointer = 1 + 16;
  const node = Buffer.from([0, 0, dataPointer, 0, 0, dataPointer]);
  const metadata = { node_count: 1, record_size: 24, ip_version: 6, database_type: 'Test' };
  return Buffer.concat([
    node,
    Buffer.alloc(16),
    encodeValue(record),
    Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'),
    encodeValue(metadata),
  ]);
}

async function openAndWait(
  options: Partial<GeoLocatorOptions>,
): Promise<{ locator: GeoLocator; warnings: string[] }> {
  const warnings: string[] = [];
  const onWarning = (message: string): void => {
    warnings.push(message);
  };
  const locator = openGeoLocator({ onWarning, ...options });
  await locator.whenReady(LOAD_TIMEOUT_MILLIS);
  return { locator, warnings };
}

describe('openGeoLocator() with the bundled DB-IP Lite database', () => {
  let bundled: { locator: GeoLocator; warnings: string[] };

  before(async () => {
    bundled = await openAndWait({});
  });

  it('returns at once, still loading', () => {
    const locator = openGeoLocator({ onWarning: () => undefined });
    assert.equal(locator.status, 'loading');
    assert.equal(locator.locate('81.2.69.160'), null);
  });

  it('loads without warnings', () => {
    assert.equal(bundled.locator.status, 'ready');
    assert.deepEqual(bundled.warnings, []);
  });

  it('resolves 81.2.69.160 to London, United Kingdom', () => {
    const location = bundled.locator.locate('81.2.69.160');
    assert.equal(location?.city, 'London');
    assert.equal(location?.country, 'United Kingdom');
    assert.equal(location?.countryCode, 'GB');
  });

  it('looks up IPv6 and IPv4-mapped addresses in the right file', () => {
    assert.equal(bundled.locator.locate('::ffff:81.2.69.160')?.city, 'London');
    assert.notEqual(bundled.locator.locate('2a00:1450:4009:81f::200e')?.countryCode, null);
  });

  it('does not locate private, loopback, documentation or malformed addresses', () => {
    const ips = ['10.0.0.1', '192.168.1.1', '127.0.0.1', '::1', 'fd00::1', '203.0.113.7'];
    for (const ip of [...ips, 'unknown', '']) assert.equal(bundled.locator.locate(ip), null, ip);
    assert.equal(bundled.locator.locate(null), null);
  });

  it('gives no network hint when no ASN database is configured', () => {
    assert.equal(bundled.locator.network('81.2.69.160'), null);
  });
});

describe('openGeoLocator() with operator files', () => {
  let directory = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'geo-locator-'));
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('warns once and answers null when the city file is missing', async () => {
    const cityDatabasePath = join(directory, 'missing.mmdb');
    const { locator, warnings } = await openAndWait({ cityDatabasePath });
    assert.equal(locator.status, 'unavailable');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /city database .*missing\.mmdb \(file not found\)/);
    assert.equal(locator.locate('81.2.69.160'), null);
  });

  it('warns once and answers null when the city file is corrupt', async () => {
    const cityDatabasePath = join(directory, 'corrupt.mmdb');
    await writeFile(cityDatabasePath, randomBytes(64 * 1024));
    const { locator, warnings } = await openAndWait({ cityDatabasePath });
    assert.equal(locator.status, 'unavailable');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /not a readable MMDB file/);
    assert.equal(locator.locate('81.2.69.160'), null);
  });

  it('reads a GeoLite2-City shaped file for both address families', async () => {
    const cityDatabasePath = join(directory, 'city.mmdb');
    const record = {
      city: { names: { en: 'Austin' } },
      subdivisions: [{ iso_code: 'TX', names: { en: 'Texas' } }],
      country: { iso_code: 'US', names: { en: 'United States' } },
    };
    await writeFile(cityDatabasePath, encodeSingleRecordDatabase(record));
    const { locator, warnings } = await openAndWait({ cityDatabasePath });
    const expected = {
      city: 'Austin',
      region: 'Texas',
      country: 'United States',
      countryCode: 'US',
    };
    assert.deepEqual(warnings, []);
    for (const ip of ['81.2.69.160', '2a00:1450:4009:81f::200e']) {
      assert.deepEqual(locator.locate(ip), expected, ip);
    }
  });

  it('classifies the network from an ASN file', async () => {
    const asnDatabasePath = join(directory, 'asn.mmdb');
    const record = { autonomous_system_number: 16509, autonomous_system_organization: 'AMAZON-02' };
    await writeFile(asnDatabasePath, encodeSingleRecordDatabase(record));
    const { locator, warnings } = await openAndWait({ asnDatabasePath });
    assert.deepEqual(warnings, []);
    const hosting = { kind: 'hosting', organisation: 'AMAZON-02' };
    assert.deepEqual(locator.network('81.2.69.160'), hosting);
    assert.equal(locator.network('10.0.0.1'), null);
  });

  it('keeps locating when only the ASN file fails, with one warning', async () => {
    const asnDatabasePath = join(directory, 'missing-asn.mmdb');
    const { locator, warnings } = await openAndWait({ asnDatabasePath });
    assert.equal(locator.status, 'ready');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^Network hints are off: cannot open the ASN database/);
    assert.equal(locator.network('81.2.69.160'), null);
    assert.equal(locator.locate('81.2.69.160')?.city, 'London');
  });

  it('settles even when the warning sink throws', async () => {
    const cityDatabasePath = join(directory, 'missing.mmdb');
    const onWarning = (): never => {
      throw new Error('sink down');
    };
    const locator = openGeoLocator({ cityDatabasePath, onWarning });
    await locator.whenReady(LOAD_TIMEOUT_MILLIS);
    assert.equal(locator.status, 'unavailable');
  });

  it('stops waiting when the timeout passes first', async () => {
    const locator = openGeoLocator({ onWarning: () => undefined });
    await locator.whenReady(0);
    assert.equal(locator.status, 'loading');
    await locator.whenReady(LOAD_TIMEOUT_MILLIS);
    assert.equal(locator.status, 'ready');
  });
});
