/**
 * The words that go with every location the service shows.
 * @module
 */

/** Shown wherever places are listed: a place drawn from an address is only ever a guess. */
export const LOCATION_CAVEAT =
  'Locations are approximate: they come from the network address, and VPNs, office ' +
  'networks, mobile carriers and travel can move them.';

/** The credit the CC BY 4.0 licence of the shipped DB-IP Lite database asks for. */
export const DBIP_ATTRIBUTION = 'IP geolocation by DB-IP (https://db-ip.com), CC BY 4.0';
