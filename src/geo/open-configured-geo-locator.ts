/**
 * The locator as the configuration asks for it.
 * @module
 */
import type { Config } from '../config/config.js';
import { openGeoLocator, type GeoLocator } from './geo-locator.js';
import { DBIP_ATTRIBUTION } from './location-caveat.js';

/** The settings the locator is opened from. */
export type GeoSettings = Pick<Config, 'geoCityDatabasePath' | 'geoAsnDatabasePath'>;

/**
 * Starts loading the configured city and ASN databases in the background and returns at once.
 * Wait with `whenReady(config.geoReadyTimeoutMillis)` before serving.
 *
 * @param config - The database paths; a null city path means the shipped DB-IP Lite files.
 * @param onWarning - Receives one message per database that cannot be opened.
 * @returns The locator; lookups give `null` until it is ready, and for good if it fails.
 */
export function openConfiguredGeoLocator(
  config: GeoSettings,
  onWarning: (message: string) => void,
): GeoLocator {
  return openGeoLocator({
    cityDatabasePath: config.geoCityDatabasePath ?? undefined,
    asnDatabasePath: config.geoAsnDatabasePath ?? undefined,
    onWarning,
  });
}

/**
 * The credit to show next to locations: DB-IP's while its shipped database is configured,
 * none for an operator's own file.
 */
export function locationAttributionFor(config: GeoSettings): string | null {
  return config.geoCityDatabasePath === null ? DBIP_ATTRIBUTION : null;
}
