/**
 * A notification that could not be delivered. The runtime's outbox retries it; retryAfterMs
 * carries Slack's Retry-After so the retry does not come back before Slack allows it.
 */
import { webApi } from '@slack/bolt';
import { retryAfterSeconds, slackErrorCode } from './slack-errors.ts';

/** Slack errors that a later attempt can get past. */
const TRANSIENT_SLACK_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** Slack's error code, e.g. `channel_not_found`; never a token or a message body. */
  readonly code: string;

  constructor(code: string, options: { retryable: boolean; retryAfterMs?: number }) {
    super(`Slack delivery failed: ${code}`);
    this.name = 'DeliveryError';
    this.code = code;
    this.retryable = options.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Turns whatever the WebClient threw into a DeliveryError that says whether to retry. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== undefined) {
    return new DeliveryError('ratelimited', { retryable: true, retryAfterMs: retryAfter * 1000 });
  }
  const code = slackErrorCode(error);
  if (code) return new DeliveryError(code, { retryable: TRANSIENT_SLACK_ERRORS.has(code) });
  if (error instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError(`http_${error.statusCode}`, { retryable: error.statusCode >= 500 });
  }
  // Network failures and timeouts: nothing says the next attempt will fail too.
  return new DeliveryError('request_failed', { retryable: true });
}
