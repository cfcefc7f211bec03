/**
 * New-device alerts: the email sent the first time an account signs in from a device, and
 * its two single-purpose links.
 * @module
 */

/** What the owner answers with one of the links. */
export type DeviceAlertAnswer = 'confirm' | 'deny';

/** One alert. Tokens are stored only as hashes; times are epoch milliseconds. */
export interface DeviceAlert {
  id: string;
  accountId: string;
  deviceId: string;
  /** The session whose sign-in the alert is about; "This wasn't me" ends exactly this one. */
  sessionId: string;
  /** Hash of the "This was me" link's token. */
  confirmTokenHash: string;
  /** Hash of the "This wasn't me" link's token. */
  denyTokenHash: string;
  createdAt: number;
  expiresAt: number;
  confirmedAt: number | null;
  deniedAt: number | null;
}

/** Whether a device was seen before on the account. */
export type DeviceSighting =
  /** The account's first device (a new account): nothing to alert about. */
  | 'first_device'
  /** A device the account has never signed in from. */
  | 'new'
  /** A device seen before, in another session or an earlier sign-in. */
  | 'known';
