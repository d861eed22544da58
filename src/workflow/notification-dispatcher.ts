/**
 * Delivers each request's outbox: every slot whose wanted revision is ahead of the delivered one
 * goes to the notifier with the slot's previous receipt (post once, then update). Only durable
 * state is shown, failures are retried with back-off and never dropped, and progress-only changes
 * of the card are coalesced to one update per interval, the latest winning.
 *
 * Slots go out independently: a card update waiting for Slack's chat.update allowance does not
 * hold back the result in its thread or the approval message. The outcome waits only for the
 * card's first post, which gives it its thread. A post is marked durably before it is made, so
 * only a post that may have reached Slack is searched for before it is made again.
 */
import type { Logger } from '../observability/logger.ts';
import { type BackoffPolicy, backoffDelayMs } from './backoff.ts';
import { atTime, type Clock } from './clock.ts';
import { mayHavePosted, type Outbox, SLOT_ORDER } from './notification-outbox.ts';
import {
  type BatchNotification,
  type DeliveryReceipt,
  failedPostMayHaveGoneOut,
  isDeferredDelivery,
  type Notification,
  type NotificationSlot,
  type Notifier,
  type RequestNotification,
  retryAfterMsOf,
} from './notifier.ts';

/** What a notification says, beside where it stands in its slot's sequence. */
export type NotificationContent =
  | Pick<RequestNotification, 'subject' | 'requestId' | 'request'>
  | Pick<BatchNotification, 'subject' | 'batchId' | 'batch'>;

/** Whose outbox is delivered: a request's host or a batch's, with the statuses `S` of either. */
export interface OutboxSource<S extends string = string> {
  /** The request or batch ID; notification IDs are `${id}:${slot}`. */
  readonly id: string;
  readonly closed: boolean;
  /** The last write to the store: the outbox it planned, and what it shows with which status. */
  durable(): { outbox: Outbox<S>; content: NotificationContent; status: S };
  /** Delivery marks included, possibly not yet written. */
  outbox(): Outbox<S>;
  markPostAttempt(slot: NotificationSlot, attempted: boolean): Promise<void>;
  markDelivered(
    slot: NotificationSlot,
    delivery: { revision: number; status: S; receipt: DeliveryReceipt },
  ): void;
}

export interface NotificationDispatcherOptions {
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  cardUpdateMinIntervalMs: number;
  retry: BackoffPolicy;
}

export interface NotificationDispatcher {
  /** Delivers what is due for the request or batch now, and arms a wake-up for what is due later. */
  deliver(host: OutboxSource): void;
  forget(id: string): void;
  stop(): void;
}

/** One slot of one request or batch: its deliveries run one at a time, the latest durable state winning. */
interface SlotDelivery {
  host: OutboxSource;
  slot: NotificationSlot;
  running: boolean;
  again: boolean;
  attempts: number;
  retryAt?: number;
  wakeAt?: number;
  cancelWake?: () => void;
}

export function createNotificationDispatcher(options: NotificationDispatcherOptions): NotificationDispatcher {
  const { notifier, clock, logger } = options;
  const deliveries = new Map<string, SlotDelivery[]>();
  let stopped = false;

  function wakeUpAt(delivery: SlotDelivery, at: number): void {
    if (delivery.wakeAt !== undefined && delivery.wakeAt <= at) return;
    delivery.cancelWake?.();
    delivery.wakeAt = at;
    delivery.cancelWake = atTime(clock, at, () => {
      delivery.wakeAt = undefined;
      delivery.cancelWake = undefined;
      kick(delivery);
    });
  }

  /** The notification the slot should show now, when/if it is due; a time when it is due later. */
  function due(delivery: SlotDelivery): { notification: Notification; status: string } | number | undefined {
    const { host, slot } = delivery;
    const { outbox, content, status } = host.durable();
    const wanted = outbox[slot];
    const delivered = host.outbox()[slot];
    if (!wanted || (delivered?.delivered ?? 0) >= wanted.revision) return undefined;
    if (delivery.retryAt !== undefined && clock.now() < delivery.retryAt) return delivery.retryAt;
    const progressOnly =
      slot === 'card' && delivered?.deliveredAt !== undefined && delivered.deliveredStatus === wanted.status;
    if (progressOnly && delivered?.deliveredAt !== undefined) {
      const allowedAt = delivered.deliveredAt + options.cardUpdateMinIntervalMs;
      if (clock.now() < allowedAt) return allowedAt;
    }
    const card = host.outbox().card?.receipt;
    // The card's first post kicks the outcome again.
    if (slot === 'outcome' && !card) return undefined;
    const notification: Notification = {
      ...content,
      id: `${host.id}:${slot}`,
      slot,
      revision: wanted.revision,
      progressOnly,
      mayHavePosted: !delivered?.receipt && mayHavePosted(delivered),
      ...(slot === 'outcome' && card ? { card } : {}),
    };
    return { notification, status };
  }

  /** Returns when to look again, or undefined when nothing is waiting. */
  async function deliverDue(delivery: SlotDelivery): Promise<number | undefined> {
    const { host, slot } = delivery;
    if (host.closed || stopped) return undefined;
    const dueNow = due(delivery);
    if (dueNow === undefined || typeof dueNow === 'number') return dueNow;
    const { notification, status } = dueNow;
    const previous = host.outbox()[slot]?.receipt;
    try {
      if (!previous) await host.markPostAttempt(slot, true);
      const receipt = await notifier.deliver(notification, previous);
      delivery.attempts = 0;
      delivery.retryAt = undefined;
      // The durable view and the outbox it planned come from one write: its status is the slot's.
      host.markDelivered(slot, {
        revision: notification.revision,
        status,
        receipt,
      });
      if (slot === 'card' && !previous) kickSlot(host, 'outcome');
      return undefined;
    } catch (error) {
      if (host.closed || stopped) return undefined;
      if (!previous && !failedPostMayHaveGoneOut(error)) void host.markPostAttempt(slot, false);
      // Shed for lack of room in Slack's allowance: the card tries again at its next interval.
      if (isDeferredDelivery(error)) return clock.now() + options.cardUpdateMinIntervalMs;
      delivery.attempts++;
      const delayMs = Math.max(backoffDelayMs(delivery.attempts, options.retry), retryAfterMsOf(error) ?? 0);
      delivery.retryAt = clock.now() + delayMs;
      logger.warn('notification not delivered; retrying', {
        id: host.id,
        slot,
        attempt: delivery.attempts,
        delayMs,
        error,
      });
      return delivery.retryAt;
    }
  }

  async function run(delivery: SlotDelivery): Promise<void> {
    delivery.running = true;
    try {
      do {
        delivery.again = false;
        const lookAgainAt = await deliverDue(delivery);
        if (lookAgainAt !== undefined && !stopped) wakeUpAt(delivery, lookAgainAt);
      } while (delivery.again && !stopped);
    } finally {
      delivery.running = false;
    }
  }

  function kick(delivery: SlotDelivery): void {
    if (stopped || delivery.host.closed) return;
    if (delivery.running) {
      delivery.again = true;
      return;
    }
    void run(delivery);
  }

  function slotsOf(host: OutboxSource): SlotDelivery[] {
    let slots = deliveries.get(host.id);
    if (!slots) {
      slots = SLOT_ORDER.map((slot) => ({ host, slot, running: false, again: false, attempts: 0 }));
      deliveries.set(host.id, slots);
    }
    for (const delivery of slots) delivery.host = host;
    return slots;
  }

  function kickSlot(host: OutboxSource, slot: NotificationSlot): void {
    const delivery = slotsOf(host).find((candidate) => candidate.slot === slot);
    if (delivery) kick(delivery);
  }

  function cancelWakes(slots: SlotDelivery[] | undefined): void {
    for (const delivery of slots ?? []) delivery.cancelWake?.();
  }

  return {
    deliver(host) {
      if (stopped || host.closed) return;
      for (const delivery of slotsOf(host)) kick(delivery);
    },
    forget(id) {
      cancelWakes(deliveries.get(id));
      deliveries.delete(id);
    },
    stop() {
      stopped = true;
      for (const slots of deliveries.values()) cancelWakes(slots);
      deliveries.clear();
    },
  };
}
