import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeLocation, describeNetwork, describePlaceChange } from './describe-location.js';
import type { Location } from './location.js';

function place(
  city: string | null,
  region: string | null,
  country: string,
  code: string,
): Location {
  return { city, region, country, countryCode: code };
}

const LONDON = place('London', 'England', 'United Kingdom', 'GB');
const BERLIN = place('Berlin', 'Berlin', 'Germany', 'DE');
const LISBON = place('Lisbon', 'Lisbon', 'Portugal', 'PT');

describe('describeLocation()', () => {
  it('names city, region and country when the region adds something', () => {
    assert.equal(describeLocation(LONDON), 'Near London, England, United Kingdom');
    assert.equal(
      describeLocation(place('Austin', 'Texas', 'United States', 'US')),
      'Near Austin, Texas, United States',
    );
  });

  it('leaves out a region that repeats the city or the country', () => {
    const cases: [Location, string][] = [
      [BERLIN, 'Near Berlin, Germany'],
      [place('Quebec City', 'Quebec', 'Canada', 'CA'), 'Near Quebec City, Canada'],
      [place('São Paulo', 'Sao Paulo', 'Brazil', 'BR'), 'Near São Paulo, Brazil'],
      [place('Monaco', null, 'Monaco', 'MC'), 'Near Monaco'],
    ];
    for (const [location, phrase] of cases) assert.equal(describeLocation(location), phrase);
  });

  it('keeps a region whose name only shares letters with the city', () => {
    const york = place('York', 'North Yorkshire', 'United Kingdom', 'GB');
    assert.equal(describeLocation(york), 'Near York, North Yorkshire, United Kingdom');
  });

  it('names only the country when the city is unknown', () => {
    const texas = place(null, 'Texas', 'United States', 'US');
    assert.equal(describeLocation(texas), 'Near United States');
  });

  it('gives null when nothing is known', () => {
    assert.equal(describeLocation(null), null);
    const empty = { city: null, region: null, country: null, countryCode: null };
    assert.equal(describeLocation(empty), null);
  });
});

describe('describeNetwork()', () => {
  it('words mobile and hosting networks and stays quiet about ISPs', () => {
    assert.equal(describeNetwork({ kind: 'mobile', organisation: 'X' }), 'via a mobile network');
    assert.equal(
      describeNetwork({ kind: 'hosting', organisation: null }),
      'via a VPN or hosting provider',
    );
    assert.equal(describeNetwork({ kind: 'isp', organisation: 'X' }), null);
    assert.equal(describeNetwork(null), null);
  });
});

describe('describePlaceChange()', () => {
  it('points out a different city or country', () => {
    const munich = place('Munich', 'Bavaria', 'Germany', 'DE');
    const toLisbon = describePlaceChange(BERLIN, LISBON);
    assert.equal(toLisbon, 'Signed in near Berlin · last seen near Lisbon');
    const toMunich = describePlaceChange(BERLIN, munich);
    assert.equal(toMunich, 'Signed in near Berlin · last seen near Munich');
  });

  it('uses the country when a city is unknown', () => {
    const portugal = place(null, null, 'Portugal', 'PT');
    const change = describePlaceChange(BERLIN, portugal);
    assert.equal(change, 'Signed in near Berlin · last seen near Portugal');
  });

  it('tells apart two cities that share a name', () => {
    const parisFrance = place('Paris', 'Île-de-France', 'France', 'FR');
    const parisTexas = place('Paris', 'Texas', 'United States', 'US');
    assert.equal(
      describePlaceChange(parisFrance, parisTexas),
      'Signed in near Paris, France · last seen near Paris, United States',
    );
  });

  it('gives null for the same place or a merely less precise one', () => {
    assert.equal(describePlaceChange(LONDON, { ...LONDON }), null);
    assert.equal(describePlaceChange(BERLIN, place(null, null, 'Germany', 'DE')), null);
    assert.equal(describePlaceChange(LONDON, null), null);
    assert.equal(describePlaceChange(null, LONDON), null);
  });
});
