import type { Clock } from './clock.ts';

/** One back-off rule for every retry the workflow makes: cloud steps, store writes, deliveries. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Exponential in the attempt number (1 = first retry), capped at maxMs. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}

/**
 * Waits out a back-off on the workflow's clock. A stop ends the wait at once: the store closes
 * right after stop, so the retry could only fail then, or write after stop returned.
 */
export function backoffPause(clock: Clock, delayMs: number, stopping: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stopping.aborted) return resolve();
    const wake = () => {
      cancelTimer();
      stopping.removeEventListener('abort', wake);
      resolve();
    };
    const cancelTimer = clock.setTimeout(wake, delayMs);
    stopping.addEventListener('abort', wake);
  });
}
