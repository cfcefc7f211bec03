/**
 * What one event stream says about the device limit: `device_limit` once after it opens when
 * the account is over its limit, and again whenever the device count changes while it is over,
 * or comes back within it after this stream said it was over.
 * @module
 */
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceLimitService } from '../devices/device-limit-service.js';
import type { EventStream } from './event-stream.js';
import { toPublicDeviceLimit } from './public-device-limit.js';

/** The event a stream sends the device limit in. */
export const DEVICE_LIMIT_EVENT = 'device_limit';

/** One stream's view of its account's device limit. */
export class DeviceLimitFeed {
  readonly #stream: EventStream;
  readonly #limits: DeviceLimitService;
  readonly #accountId: string;
  readonly #log: FastifyBaseLogger;
  #saidExceeded = false;
  #pending: Promise<void> = Promise.resolve();

  constructor(deps: {
    stream: EventStream;
    limits: DeviceLimitService;
    accountId: string;
    log: FastifyBaseLogger;
  }) {
    this.#stream = deps.stream;
    this.#limits = deps.limits;
    this.#accountId = deps.accountId;
    this.#log = deps.log;
  }

  /**
   * Derives the limit afresh and sends it when there is something to say. Calls run one after
   * another, so the last one sent is derived after the last change it was called for.
   */
  refresh(): Promise<void> {
    this.#pending = this.#pending.then(() => this.#sendIfWarranted());
    return this.#pending;
  }

  async #sendIfWarranted(): Promise<void> {
    if (!this.#stream.isOpen) return;
    try {
      const state = await this.#limits.evaluateAccount(this.#accountId);
      if (state === null || !(state.exceeded || this.#saidExceeded)) return;

      this.#stream.send({ event: DEVICE_LIMIT_EVENT, data: toPublicDeviceLimit(state) });
      this.#saidExceeded = state.exceeded;
    } catch (error) {
      // Advisory only: a failed read costs this stream one update, never the stream itself.
      this.#log.error({ err: error }, 'device limit check failed');
    }
  }
}
