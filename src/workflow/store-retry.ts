/**
 * Store calls outside a request's write chain (claims, reloads, archiving, submissions, relays)
 * retry with back-off on the workflow's clock: forever for the runtime's own bookkeeping, a few
 * times when a person waits for the answer.
 */
import type { Logger } from '../observability/logger.ts';
import { type BackoffPolicy, backoffDelayMs, backoffPause } from './backoff.ts';
import type { Clock } from './clock.ts';

/** Store calls made for a person waiting on an answer give up after this many attempts. */
export const INTERACTIVE_STORE_ATTEMPTS = 4;

export type StoreRetry = <T>(what: string, fn: () => Promise<T>, attempts?: number) => Promise<T>;

export function createStoreRetry(options: {
  clock: Clock;
  logger: Logger;
  policy: BackoffPolicy;
  /** Aborted when the runtime stops: a call gives up at once, even in the middle of its back-off. */
  stopping: AbortSignal;
}): StoreRetry {
  const { clock, logger, stopping } = options;
  return async (what, fn, attempts = Number.POSITIVE_INFINITY) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (attempt >= attempts || stopping.aborted) throw error;
        const delayMs = backoffDelayMs(attempt, options.policy);
        logger.warn('store call failed; retrying', { what, attempt, delayMs, error });
        await backoffPause(clock, delayMs, stopping);
        if (stopping.aborted) throw error;
      }
    }
  };
}
