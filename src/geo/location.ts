/**
 * Where an address appears to be, as precise as the database allows. Every field may be
 * missing; names are in English.
 */
export interface Location {
  /** City or town, e.g. `"London"`. */
  city: string | null;
  /** First-level subdivision, e.g. `"England"` or `"Texas"`. */
  region: string | null;
  /** Country name, e.g. `"United Kingdom"`. */
  country: string | null;
  /** ISO 3166-1 alpha-2 code in capitals, e.g. `"GB"`. */
  countryCode: string | null;
}

/** What kind of network an address belongs to, judged from the name of its operator. */
export interface NetworkHint {
  /** `isp` when nothing more specific is known. */
  kind: 'mobile' | 'hosting' | 'isp';
  /** The autonomous system's organisation name, as the database spells it. */
  organisation: string | null;
}
