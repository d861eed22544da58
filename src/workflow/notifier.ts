/**
 * How the workflow tells people what happened, without knowing Slack. Each request has a few
 * message slots; each slot's content follows the request's state (latest wins), so delivering
 * a slot again after a crash updates the message instead of posting a second one.
 */
import type { BatchView } from './batch/copy-batch-view.ts';
import type { RequestView } from './request-view.ts';

/**
 * card: the request card where it was asked (parameters, estimate, progress);
 * approval: the message with Approve / Reject in the approvals channel;
 * outcome: the result, failure, rejection, expiry or cancellation, in the card's thread.
 */
export type NotificationSlot = 'card' | 'approval' | 'outcome';

interface NotificationBase {
  /** `${requestId}:${slot}` or `${batchId}:${slot}`: stable, used to find a message already posted. */
  id: string;
  slot: NotificationSlot;
  /** Grows with every change of what the slot shows. */
  revision: number;
  /** The card shows the same status as before, only newer progress: it may wait, or be skipped. */
  progressOnly: boolean;
  /** An earlier post of this slot may have reached Slack; look for it before posting again. */
  mayHavePosted: boolean;
  /** Where the card is (outcome only): its thread is where the outcome goes. */
  card?: DeliveryReceipt;
}

/** A single copy request's message; children of a batch have none (the batch speaks for them). */
export interface RequestNotification extends NotificationBase {
  subject: 'request';
  requestId: string;
  request: RequestView;
}

/** A batch's message: one card, one approval, one outcome for all of its items. */
export interface BatchNotification extends NotificationBase {
  subject: 'batch';
  batchId: string;
  batch: BatchView;
}

export type Notification = RequestNotification | BatchNotification;

/** Where a slot's message lives, so it can be updated in place. */
export interface DeliveryReceipt {
  channelId: string;
  ts: string;
}

export interface Notifier {
  /**
   * Posts the slot's message when previous is undefined, otherwise updates it. A retryable
   * failure should throw; the runtime retries with backoff, waiting at least the error's
   * `retryAfterMs` when the channel said how long to wait (Slack's Retry-After).
   */
  deliver(notification: Notification, previous: DeliveryReceipt | undefined): Promise<DeliveryReceipt>;
}

/** What a failed delivery says about itself, when it says it (a DeliveryError on Slack). */
interface DeliveryFailure {
  retryAfterMs?: unknown;
  /** False when the message certainly did not go out (refused, rate limited, never sent). */
  mayHavePosted?: unknown;
  /** The channel had no room for a change that may wait: try again later, it is no failure. */
  deferred?: unknown;
}

/** How long a failed delivery asked to be left alone, when it said so. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const retryAfterMs = (error as DeliveryFailure | undefined)?.retryAfterMs;
  return typeof retryAfterMs === 'number' && retryAfterMs > 0 ? retryAfterMs : undefined;
}

/** Unless the failure says the post certainly did not go out, it may have. */
export function failedPostMayHaveGoneOut(error: unknown): boolean {
  return (error as DeliveryFailure | undefined)?.mayHavePosted !== false;
}

export function isDeferredDelivery(error: unknown): boolean {
  return (error as DeliveryFailure | undefined)?.deferred === true;
}
