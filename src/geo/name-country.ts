/**
 * Country names from ISO codes, offline.
 * @module
 */

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Names a country in English from its ISO 3166-1 alpha-2 code: `GB` gives "United Kingdom".
 *
 * @param code - A two-letter code in capitals, or `null`.
 * @returns The name, or `null` for `null` and for codes the runtime does not know.
 */
export function nameCountry(code: string | null): string | null {
  if (code === null) return null;
  try {
    return COUNTRY_NAMES.of(code) ?? null;
  } catch {
    // DisplayNames throws a RangeError for text that is not a region code at all.
    return null;
  }
}
