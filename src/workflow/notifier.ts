/**
 * How the workflow tells people what happened, without knowing Slack. Each request has a few
 * message slots; each slot's content follows the request's state (latest wins), so delivering
 * a slot again after a crash updates the message instead of posting a second one.
 */
import type { RequestView } from './request-view.ts';

/**
 * card: the request card where it was asked (parameters, estimate, progress);
 * approval: the message with Approve / Reject in the approvals channel;
 * outcome: the result, failure, rejection, expiry or cancellation, in the card's thread.
 */
export type NotificationSlot = 'card' | 'approval' | 'outcome';

export interface Notification {
  /** `${requestId}:${slot}`: stable, used to find a message already posted. */
  id: string;
  requestId: string;
  slot: NotificationSlot;
  /** Grows with every change of what the slot shows. */
  revision: number;
  request: RequestView;
}

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

/** How long a failed delivery asked to be left alone, when it said so. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof retryAfterMs === 'number' && retryAfterMs > 0 ? retryAfterMs : undefined;
}
