import type { Location } from './location.js';
import { nameCountry } from './name-country.js';

/** Two capitals; `ZZ` is the "unknown region" placeholder and names nothing. */
const COUNTRY_CODE = /^(?!ZZ)[A-Z]{2}$/;

/**
 * Turns one city-database record into a `Location`.
 *
 * Two shapes are understood: the flat DB-IP Lite shape (`city`, `state1`, `country_code`,
 * empty strings for unknowns) and the nested GeoLite2-City shape (`city.names.en`,
 * `subdivisions[0].names.en`, `country.iso_code`). Country names come from the record when it
 * has them, otherwise from the code.
 *
 * @param record - A decoded record, or `null` when the address is not in the database.
 * @returns The location, or `null` when the record names nothing.
 */
export function readLocationRecord(record: unknown): Location | null {
  if (!isObject(record)) return null;
  const isNested = isObject(record['city']) || isObject(record['country']);
  const location = isNested ? readNested(record) : readFlat(record);
  const isEmpty = Object.values(location).every((value) => value === null);
  return isEmpty ? null : location;
}

function readFlat(record: Record<string, unknown>): Location {
  const countryCode = readCountryCode(record['country_code']);
  return {
    city: readText(record['city']),
    region: readText(record['state1']),
    country: nameCountry(countryCode),
    countryCode,
  };
}

function readNested(record: Record<string, unknown>): Location {
  const country = record['country'];
  const countryCode = readCountryCode(readField(country, 'iso_code'));
  const subdivisions = record['subdivisions'];
  const firstSubdivision = Array.isArray(subdivisions) ? subdivisions[0] : undefined;
  return {
    city: readEnglishName(record['city']),
    region: readEnglishName(firstSubdivision),
    country: readEnglishName(country) ?? nameCountry(countryCode),
    countryCode,
  };
}

function readEnglishName(place: unknown): string | null {
  return readText(readField(readField(place, 'names'), 'en'));
}

function readCountryCode(value: unknown): string | null {
  const code = readText(value)?.toUpperCase() ?? '';
  return COUNTRY_CODE.test(code) ? code : null;
}

function readField(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function readText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
