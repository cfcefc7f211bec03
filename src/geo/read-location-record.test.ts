import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readLocationRecord } from './read-location-record.js';

describe('readLocationRecord()', () => {
  it('reads the flat DB-IP Lite shape and names the country from its code', () => {
    const record = {
      city: 'London',
      country_code: 'GB',
      latitude: 51.5,
      longitude: -0.09,
      postcode: '',
      state1: 'England',
      state2: '',
      timezone: '',
    };
    assert.deepEqual(readLocationRecord(record), {
      city: 'London',
      region: 'England',
      country: 'United Kingdom',
      countryCode: 'GB',
    });
  });

  it('turns empty strings into nulls', () => {
    const record = { city: '', country_code: 'de', state1: ' ', state2: '' };
    assert.deepEqual(readLocationRecord(record), {
      city: null,
      region: null,
      country: 'Germany',
      countryCode: 'DE',
    });
  });

  it('reads the nested GeoLite2-City shape', () => {
    const record = {
      city: { geoname_id: 4671654, names: { en: 'Austin', de: 'Austin' } },
      subdivisions: [{ iso_code: 'TX', names: { en: 'Texas' } }],
      country: { iso_code: 'US', names: { en: 'United States' } },
    };
    assert.deepEqual(readLocationRecord(record), {
      city: 'Austin',
      region: 'Texas',
      country: 'United States',
      countryCode: 'US',
    });
  });

  it('names the country from its code when a nested record lacks an English name', () => {
    const record = { country: { iso_code: 'PT', names: {} } };
    assert.deepEqual(readLocationRecord(record), {
      city: null,
      region: null,
      country: 'Portugal',
      countryCode: 'PT',
    });
  });

  it('ignores unknown and malformed country codes', () => {
    for (const code of ['ZZ', 'G', 'GBR', '12', 42]) {
      assert.equal(readLocationRecord({ city: '', country_code: code }), null, String(code));
    }
  });

  it('gives null for missing, empty and non-object records', () => {
    for (const record of [null, undefined, 'London', [], {}]) {
      assert.equal(readLocationRecord(record), null);
    }
  });
});
