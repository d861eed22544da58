/**
 * Time as the workflow sees it. Every timer the runtime arms (approval deadlines, retry back-off,
 * progress polls, delivery retries) goes through this, so tests drive time by hand and a restart
 * re-arms timers from absolute deadlines kept in the persisted state.
 */
export interface Clock {
  now(): number;
  /** Returns a function that cancels the timer. */
  setTimeout(callback: () => void, delayMs: number): () => void;
}

/** Node refuses delays above 2^31-1 ms (about 24.8 days) and fires them at once instead. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS));
    return () => clearTimeout(timer);
  },
};

/**
 * Calls back once the clock reaches an absolute time. Long waits are armed in steps and checked
 * against the clock on every wake-up, so a deadline never fires early.
 */
export function atTime(clock: Clock, until: number, callback: () => void): () => void {
  let cancelCurrent: () => void = () => {};
  const arm = () => {
    const remaining = until - clock.now();
    if (remaining <= 0) {
      callback();
      return;
    }
    cancelCurrent = clock.setTimeout(arm, Math.min(remaining, MAX_TIMER_DELAY_MS));
  };
  arm();
  return () => cancelCurrent();
}
