/**
 * What the Slack budget tells the rest of the bot about each Web API call it schedules, so
 * metrics can count calls, rate limits and time spent waiting for the budget without the
 * budget knowing how they are exported.
 */

/** Who waits for a call, highest first: the order the budget spends a method's allowance in. */
export type CallPriority = 'person' | 'decision' | 'status' | 'progress';

export interface ScheduledCall {
  /** The Web API method, e.g. `chat.postMessage`. */
  method: string;
  priority: CallPriority;
  /** Time from scheduling to sending, retries' waits included. */
  queuedMs: number;
}

export interface SlackCallObserver {
  /** A call was sent and answered: `status` is the HTTP status of its last answer. */
  answered(call: ScheduledCall & { status: number }): void;
  /** Slack answered 429: the method (or channel) is paused for everyone for `retryAfterMs`. */
  rateLimited(call: { method: string; retryAfterMs: number }): void;
  /** A call that could wait (card progress) was dropped because the budget had no room for it. */
  shed(call: { method: string; priority: CallPriority }): void;
}

export const NO_CALL_OBSERVER: SlackCallObserver = {
  answered() {},
  rateLimited() {},
  shed() {},
};
