/**
 * A notification that could not be delivered. The runtime's outbox retries it; retryAfterMs
 * carries Slack's Retry-After so the retry does not come back before Slack allows it, and
 * mayHavePosted says whether the message could have gone out all the same.
 */
import { webApi } from '@slack/bolt';
import { BudgetShedError } from './budget/slack-budget.ts';
import { retryAfterSeconds, slackErrorCode } from './slack-errors.ts';

/** Slack errors that a later attempt can get past. */
const TRANSIENT_SLACK_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export interface DeliveryErrorOptions {
  retryable: boolean;
  retryAfterMs?: number;
  /** False when Slack certainly did not post: it answered with an error, or nothing was sent. */
  mayHavePosted: boolean;
  /** Shed by the Slack budget: no failure, the change goes out later. */
  deferred?: boolean;
}

export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly mayHavePosted: boolean;
  readonly deferred: boolean;
  /** Slack's error code, e.g. `channel_not_found`; never a token or a message body. */
  readonly code: string;

  constructor(code: string, options: DeliveryErrorOptions) {
    super(`Slack delivery failed: ${code}`);
    this.name = 'DeliveryError';
    this.code = code;
    this.retryable = options.retryable;
    this.mayHavePosted = options.mayHavePosted;
    this.deferred = options.deferred ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Turns whatever the WebClient threw into a DeliveryError that says whether to retry. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRequestError && error.original instanceof BudgetShedError) {
    return new DeliveryError('shed', { retryable: true, mayHavePosted: false, deferred: true });
  }
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== undefined) {
    return new DeliveryError('ratelimited', {
      retryable: true,
      retryAfterMs: retryAfter * 1000,
      mayHavePosted: false,
    });
  }
  const code = slackErrorCode(error);
  if (code)
    return new DeliveryError(code, { retryable: TRANSIENT_SLACK_ERRORS.has(code), mayHavePosted: false });
  if (error instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError(`http_${error.statusCode}`, {
      retryable: error.statusCode >= 500,
      mayHavePosted: true,
    });
  }
  // Network failures and timeouts: nothing says the next attempt will fail too, or that this one did.
  return new DeliveryError('request_failed', { retryable: true, mayHavePosted: true });
}
