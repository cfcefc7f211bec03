/**
 * The locator used when none is configured.
 * @module
 */
import type { GeoLocator } from './geo-locator.js';

/** A locator that knows no place and no network, for services started without one. */
export const UNKNOWN_GEO_LOCATOR: GeoLocator = Object.freeze({
  locate: (): null => null,
  network: (): null => null,
  whenReady: async (): Promise<void> => undefined,
  status: 'unavailable' as const,
});
