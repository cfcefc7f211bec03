/**
 * The storage port of the devices each account signed in from, and of new-device alerts.
 * @module
 */
import type { DeviceAlert, DeviceAlertAnswer, DeviceSighting } from './device-alert.js';

/** Persistent devices and alerts. */
export interface DeviceAlertStore {
  /**
   * Notes that the account signed in from the device in this session. Of concurrent calls
   * for one device, exactly one sees it as new; a device id found in the account's earlier
   * sessions counts as known.
   */
  rememberDevice(
    accountId: string,
    deviceId: string,
    sessionId: string,
    atMillis: number,
  ): Promise<DeviceSighting>;
  insertDeviceAlert(alert: DeviceAlert): Promise<void>;
  /** The alert a link's token belongs to, answered or not; null when unknown. */
  findDeviceAlert(tokenHash: string, answer: DeviceAlertAnswer): Promise<DeviceAlert | null>;
  /**
   * Answers an alert with a link's token while the link lasts. `isFirstUse` is true for
   * exactly one caller; null for an unknown or expired link.
   */
  answerDeviceAlert(
    tokenHash: string,
    answer: DeviceAlertAnswer,
    atMillis: number,
  ): Promise<{ alert: DeviceAlert; isFirstUse: boolean } | null>;
}
