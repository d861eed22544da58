/**
 * Delivers each request's outbox: every slot whose wanted revision is ahead of the delivered one
 * goes to the notifier with the slot's previous receipt (post once, then update). Only durable
 * state is shown, failures are retried with back-off and never dropped, and progress-only changes
 * of the card are coalesced to one update per interval, the latest winning.
 */
import type { Logger } from '../observability/logger.ts';
import { type BackoffPolicy, backoffDelayMs } from './backoff.ts';
import { atTime, type Clock } from './clock.ts';
import { SLOT_ORDER } from './notification-outbox.ts';
import { type Notifier, retryAfterMsOf } from './notifier.ts';
import type { RequestHost } from './request-host.ts';

export interface NotificationDispatcherOptions {
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  cardUpdateMinIntervalMs: number;
  retry: BackoffPolicy;
}

export interface NotificationDispatcher {
  /** Delivers what is due for the request now, and arms a wake-up for what is due later. */
  deliver(host: RequestHost): void;
  forget(requestId: string): void;
  stop(): void;
}

interface DeliveryState {
  host: RequestHost;
  running: boolean;
  again: boolean;
  attempts: number;
  retryAt?: number;
  wakeAt?: number;
  cancelWake?: () => void;
}

export function createNotificationDispatcher(options: NotificationDispatcherOptions): NotificationDispatcher {
  const { notifier, clock, logger } = options;
  const states = new Map<string, DeliveryState>();
  let stopped = false;

  const earlier = (a: number | undefined, b: number) => (a === undefined ? b : Math.min(a, b));

  function wakeUpAt(state: DeliveryState, at: number): void {
    if (state.wakeAt !== undefined && state.wakeAt <= at) return;
    state.cancelWake?.();
    state.wakeAt = at;
    state.cancelWake = atTime(clock, at, () => {
      state.wakeAt = undefined;
      state.cancelWake = undefined;
      dispatcher.deliver(state.host);
    });
  }

  /** Returns when to look again, or undefined when nothing is waiting. */
  async function deliverDue(state: DeliveryState): Promise<number | undefined> {
    const { host } = state;
    let lookAgainAt: number | undefined;
    for (const slot of SLOT_ORDER) {
      if (host.closed || stopped) return undefined;
      const { record, view } = host.durable();
      const wanted = record.outbox[slot];
      const delivered = host.outbox()[slot];
      if (!wanted || (delivered?.delivered ?? 0) >= wanted.revision) continue;
      if (state.retryAt !== undefined && clock.now() < state.retryAt)
        return earlier(lookAgainAt, state.retryAt);
      if (
        slot === 'card' &&
        delivered?.deliveredAt !== undefined &&
        delivered.deliveredStatus === wanted.status
      ) {
        const allowedAt = delivered.deliveredAt + options.cardUpdateMinIntervalMs;
        if (clock.now() < allowedAt) {
          lookAgainAt = earlier(lookAgainAt, allowedAt);
          continue;
        }
      }
      const notification = {
        id: `${host.requestId}:${slot}`,
        requestId: host.requestId,
        slot,
        revision: wanted.revision,
        request: view,
      };
      try {
        const receipt = await notifier.deliver(notification, delivered?.receipt);
        state.attempts = 0;
        state.retryAt = undefined;
        host.markDelivered(slot, { revision: wanted.revision, status: wanted.status, receipt });
      } catch (error) {
        state.attempts++;
        const delayMs = Math.max(backoffDelayMs(state.attempts, options.retry), retryAfterMsOf(error) ?? 0);
        state.retryAt = clock.now() + delayMs;
        logger.warn('notification not delivered; retrying', {
          requestId: host.requestId,
          slot,
          attempt: state.attempts,
          delayMs,
          error,
        });
        return earlier(lookAgainAt, state.retryAt);
      }
    }
    return lookAgainAt;
  }

  async function run(state: DeliveryState): Promise<void> {
    state.running = true;
    try {
      do {
        state.again = false;
        const lookAgainAt = await deliverDue(state);
        if (lookAgainAt !== undefined && !stopped) wakeUpAt(state, lookAgainAt);
      } while (state.again && !stopped);
    } finally {
      state.running = false;
    }
  }

  const dispatcher: NotificationDispatcher = {
    deliver(host) {
      if (stopped || host.closed) return;
      let state = states.get(host.requestId);
      if (!state) {
        state = { host, running: false, again: false, attempts: 0 };
        states.set(host.requestId, state);
      }
      state.host = host;
      if (state.running) {
        state.again = true;
        return;
      }
      void run(state);
    },
    forget(requestId) {
      states.get(requestId)?.cancelWake?.();
      states.delete(requestId);
    },
    stop() {
      stopped = true;
      for (const state of states.values()) state.cancelWake?.();
      states.clear();
    },
  };
  return dispatcher;
}
