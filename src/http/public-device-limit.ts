/**
 * The shape the device limit takes in API answers and on the event stream.
 * @module
 */
import type { DeviceLimitSource, DeviceLimitState } from '../devices/device-limit.js';

/** Where the account stands against its advisory device limit. */
export interface PublicDeviceLimit {
  limit: number;
  count: number;
  source: DeviceLimitSource;
  /** The workspace whose organisation policy set the limit; null when the plan did. */
  policyName: string | null;
  exceeded: boolean;
}

/** Shapes a device limit for an answer. */
export function toPublicDeviceLimit(state: DeviceLimitState): PublicDeviceLimit {
  return {
    limit: state.limit,
    count: state.count,
    source: state.source,
    policyName: state.policyName,
    exceeded: state.exceeded,
  };
}
