/**
 * What the session list knows about the client behind a session: the kind of client, the ALLO
 * app and its version when it is one, the browser and operating system otherwise, and a label
 * a person can read.
 * @module
 */

/** Whether a session belongs to a browser, the ALLO desktop app or an ALLO mobile app. */
export type ClientKind = 'web' | 'desktop' | 'mobile';

/** The platform an ALLO app names in its `X-Allo-Client` header. */
export type AppPlatform = 'desktop' | 'ios' | 'android';

/** The shape of the machine a session runs on, as far as the client reveals it. */
export type DeviceType = 'desktop' | 'mobile' | 'tablet';

/** A valid `X-Allo-Client` header, sent by ALLO's own apps. */
export interface AlloClientHeader {
  /** Which ALLO app is calling. */
  platform: AppPlatform;
  /** The app's semantic version: `major.minor.patch` with an optional `-prerelease`. */
  appVersion: string;
}

/** A client as the session list shows it. */
export interface ClientDescription {
  /** Browser, desktop app or mobile app. */
  clientKind: ClientKind;
  /** The ALLO app's platform; `null` for anything that is not an ALLO app. */
  platform: AppPlatform | null;
  /** The ALLO app's version; `null` for anything that is not an ALLO app. */
  appVersion: string | null;
  /** Browser name and major version, e.g. `Chrome 131`; `null` for apps and other clients. */
  browser: string | null;
  /** Operating system as people name it, e.g. `macOS`, `iOS 17.4`, `Android 14`. */
  os: string | null;
  /** Desktop, phone or tablet; `null` when the client does not say. */
  deviceType: DeviceType | null;
  /** A human label such as `Chrome on Windows`; never empty, at most 120 characters. */
  label: string;
}
