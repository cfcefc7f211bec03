import type { Location, NetworkHint } from './location.js';

/**
 * Words a location as a hedged phrase: `"Near London, England, United Kingdom"`,
 * `"Near Austin, Texas, United States"`, `"Near Berlin, Germany"`, `"Near Singapore"`.
 *
 * The region is included only when it is not already part of the city or country name, and
 * the country is dropped when it repeats the city. Without a city the phrase names only the
 * country (`"Near France"`).
 *
 * @param location - A looked-up location, or `null`.
 * @returns The phrase, or `null` when nothing is known.
 */
export function describeLocation(location: Location | null): string | null {
  if (location === null) return null;
  const country = location.country ?? location.countryCode;
  const city = location.city;
  if (city === null) return country === null ? null : `Near ${country}`;

  const parts = [city];
  const region = location.region;
  if (region !== null && isNew(region, [city, country])) parts.push(region);
  if (country !== null && isNew(country, [city])) parts.push(country);
  return `Near ${parts.join(', ')}`;
}

/**
 * Words a network hint for people: `"via a mobile network"` or
 * `"via a VPN or hosting provider"`.
 *
 * @param hint - A looked-up hint, or `null`.
 * @returns The phrase, or `null` for ordinary ISPs and unknown networks.
 */
export function describeNetwork(hint: NetworkHint | null): string | null {
  if (hint?.kind === 'mobile') return 'via a mobile network';
  if (hint?.kind === 'hosting') return 'via a VPN or hosting provider';
  return null;
}

/**
 * Points out that a session is now used somewhere else than where it signed in:
 * `"Signed in near Berlin · last seen near Lisbon"`.
 *
 * Only a real difference counts: two known countries that differ, or two known cities that
 * differ. A place that is merely less precise (a country without a city) is not a change.
 * When both cities share a name, each gets its country so the two can be told apart.
 *
 * @param signIn - Where the session signed in, or `null`.
 * @param lastSeen - Where the session was last used, or `null`.
 * @returns The phrase, or `null` when either place is unknown or the places match.
 */
export function describePlaceChange(
  signIn: Location | null,
  lastSeen: Location | null,
): string | null {
  if (signIn === null || lastSeen === null || !isDifferentPlace(signIn, lastSeen)) return null;
  const name = isSameName(signIn.city, lastSeen.city) ? nameCityAndCountry : nameCityOrCountry;
  const from = name(signIn);
  const to = name(lastSeen);
  if (from === null || to === null) return null;
  return `Signed in near ${from} · last seen near ${to}`;
}

function isDifferentPlace(first: Location, second: Location): boolean {
  const firstCountry = first.countryCode ?? first.country;
  const secondCountry = second.countryCode ?? second.country;
  const isOtherCountry = isKnownAndDifferent(firstCountry, secondCountry);
  return isOtherCountry || isKnownAndDifferent(first.city, second.city);
}

function nameCityOrCountry(location: Location): string | null {
  return location.city ?? location.country ?? location.countryCode;
}

function nameCityAndCountry(location: Location): string | null {
  const country = location.country ?? location.countryCode;
  if (location.city === null || country === null) return nameCityOrCountry(location);
  return `${location.city}, ${country}`;
}

function isKnownAndDifferent(first: string | null, second: string | null): boolean {
  return first !== null && second !== null && !isSameName(first, second);
}

function isSameName(first: string | null, second: string | null): boolean {
  return first !== null && second !== null && fold(first) === fold(second);
}

/** A name adds nothing when its words already appear in a name shown, or the reverse. */
function isNew(name: string, shown: readonly (string | null)[]): boolean {
  const words = ` ${fold(name)} `;
  return shown.every((other) => {
    if (other === null) return true;
    const otherWords = ` ${fold(other)} `;
    return !otherWords.includes(words) && !words.includes(otherWords);
  });
}

/** Lower case, no accents, words separated by single spaces. */
function fold(name: string): string {
  const bare = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return bare.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
