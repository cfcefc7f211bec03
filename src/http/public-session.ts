/**
 * The shape a session takes in API answers: never its credential or the credential's hash.
 * @module
 */
import type { AppVersionGate } from '../clients/app-version-gate.js';
import {
  describeLocation,
  describeNetwork,
  describePlaceChange,
} from '../geo/describe-location.js';
import type { Location, NetworkHint } from '../geo/location.js';
import { deviceKeyOf } from '../devices/device-key.js';
import type { Session } from '../sessions/session.js';

/** A place as answered: each part null when unknown. */
export interface PublicLocation {
  city: string | null;
  region: string | null;
  country: string | null;
  countryCode: string | null;
}

/** A network hint as answered. */
export interface PublicNetwork {
  kind: NetworkHint['kind'];
  organisation: string | null;
}

/** A session as the owner sees it. Times are ISO 8601 UTC. */
export interface PublicSession {
  id: string;
  current: boolean;
  clientKind: string;
  platform: string | null;
  appVersion: string | null;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  label: string;
  /** Opaque, equal for the sessions of one device; see `deviceKeyOf`. */
  deviceKey: string;
  /** In the list only: a newer session with the same label on another device, or null. */
  possibleDuplicateOf?: string | null;
  signInMethod: string;
  signedInAt: string;
  lastActiveAt: string;
  expiresAt: string;
  /** The address last seen, else the sign-in one; truncated to its network after retention. */
  ip: string | null;
  /** Where the last-seen address appears to be; null when nothing is known. */
  location: PublicLocation | null;
  /** Where the sign-in address appeared to be; null when nothing is known. */
  signInLocation: PublicLocation | null;
  /** `location` in words, e.g. "Near London, England, United Kingdom". */
  locationHint: string | null;
  /** Set when the place changed since sign-in: "Signed in near Berlin · last seen near Lisbon". */
  placeChange: string | null;
  network: PublicNetwork | null;
  /** `network` in words, e.g. "via a mobile network"; null for ordinary ISPs. */
  networkHint: string | null;
  /** The app's recorded version is below the minimum: it must update before it works again. */
  updateRequired: boolean;
}

/** What decides whether a session's app must update. */
export type UpdateRule = Pick<AppVersionGate, 'isUpdateRequired'>;

/** Shapes a session for its owner; `current` is decided by the caller's own session id. */
export function toPublicSession(
  session: Session,
  currentSessionId: string,
  updateRule: UpdateRule,
): PublicSession {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    clientKind: session.clientKind,
    platform: session.platform,
    appVersion: session.appVersion,
    browser: session.browser,
    os: session.os,
    deviceType: session.deviceType,
    label: session.label,
    deviceKey: deviceKeyOf(session),
    signInMethod: session.signInMethod,
    signedInAt: isoTime(session.createdAt),
    lastActiveAt: isoTime(session.lastActiveAt),
    expiresAt: isoTime(session.expiresAt),
    ...toPublicPlace(session),
    updateRequired: updateRule.isUpdateRequired(session.platform, session.appVersion),
  };
}

type PublicPlace = Pick<
  PublicSession,
  'ip' | 'location' | 'signInLocation' | 'locationHint' | 'placeChange' | 'network' | 'networkHint'
>;

function toPublicPlace(session: Session): PublicPlace {
  const location = toPublicLocation(session.lastLocation);
  const signInLocation = toPublicLocation(session.signInLocation);
  return {
    ip: session.lastIp ?? session.ip,
    location,
    signInLocation,
    locationHint: describeLocation(location),
    placeChange: describePlaceChange(signInLocation, location),
    network: toPublicNetwork(session.network),
    networkHint: describeNetwork(session.network),
  };
}

function toPublicLocation(location: Location | null): PublicLocation | null {
  if (location === null) return null;
  const { city, region, country, countryCode } = location;
  const isEmpty = city === null && region === null && country === null && countryCode === null;
  return isEmpty ? null : { city, region, country, countryCode };
}

function toPublicNetwork(network: NetworkHint | null): PublicNetwork | null {
  return network === null ? null : { kind: network.kind, organisation: network.organisation };
}

function isoTime(millis: number): string {
  return new Date(millis).toISOString();
}
