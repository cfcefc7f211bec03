import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readNetworkRecord } from './read-network-record.js';

function kindOf(organisation: string): string | undefined {
  return readNetworkRecord({ autonomous_system_organization: organisation })?.kind;
}

describe('readNetworkRecord()', () => {
  it('reads the organisation of a GeoLite2-ASN or DB-IP ASN record', () => {
    const record = {
      autonomous_system_number: 5089,
      autonomous_system_organization: 'Virgin Media',
    };
    assert.deepEqual(readNetworkRecord(record), { kind: 'isp', organisation: 'Virgin Media' });
  });

  it('reads the organisation under traits in the larger databases', () => {
    const record = { traits: { autonomous_system_organization: 'T-Mobile USA, Inc.' } };
    assert.deepEqual(readNetworkRecord(record), {
      kind: 'mobile',
      organisation: 'T-Mobile USA, Inc.',
    });
  });

  it('recognises mobile carriers', () => {
    const names = ['T-Mobile USA, Inc.', 'Cellco Partnership DBA Verizon Wireless'];
    for (const name of [...names, 'AT&T Mobility LLC']) assert.equal(kindOf(name), 'mobile', name);
  });

  it('recognises hosting and VPN providers', () => {
    const names = ['AMAZON-02', 'DigitalOcean, LLC', 'Hetzner Online GmbH', 'OVH SAS', 'M247'];
    const generic = ['Example Hosting Ltd', 'Acme Cloud Services', 'Some VPN Provider'];
    for (const name of [...names, ...generic]) assert.equal(kindOf(name), 'hosting', name);
  });

  it('calls everything else an ISP', () => {
    for (const name of ['Deutsche Telekom AG', 'Comcast Cable Communications, LLC', 'ExxonMobil']) {
      assert.equal(kindOf(name), 'isp', name);
    }
  });

  it('gives null when there is no organisation', () => {
    for (const record of [null, {}, { autonomous_system_organization: '' }, { traits: null }]) {
      assert.equal(readNetworkRecord(record), null);
    }
  });
});
