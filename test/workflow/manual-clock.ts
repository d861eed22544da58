/** A clock the test moves by hand; timers fire in order as it passes their time. */
import type { Clock } from '../../src/workflow/clock.ts';

export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Drops every timer and ignores new ones, as if the process holding them died. */
  freeze(): void;
  pendingTimers(): number;
}

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** Lets promise chains and setImmediate callbacks started by a timer run to their next wait. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createManualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): ManualClock {
  let now = start;
  let seq = 0;
  let frozen = false;
  const timers = new Set<Timer>();
  const nextDue = (until: number) => {
    let earliest: Timer | undefined;
    for (const timer of timers) {
      if (timer.at > until) continue;
      if (!earliest || timer.at < earliest.at || (timer.at === earliest.at && timer.seq < earliest.seq)) {
        earliest = timer;
      }
    }
    return earliest;
  };
  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      if (frozen) return () => {};
      const timer = { at: now + Math.max(0, delayMs), seq: seq++, callback };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.delete(timer);
        now = Math.max(now, timer.at);
        timer.callback();
        await settle();
      }
      now = target;
      await settle();
    },
    freeze() {
      frozen = true;
      timers.clear();
    },
    pendingTimers: () => timers.size,
  };
}
