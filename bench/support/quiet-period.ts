/**
 * Knows when the bot has finished the work a benchmark set off: nothing changed in the Slack
 * stand-in and no cloud call arrived for a while. Bursts are only compared when each starts quiet.
 */
import type { LocalStack } from './local-stack.ts';

export interface ActivityWatch {
  /** Resolves once neither stand-in has seen activity for `quietMs`; rejects after `limitMs`. */
  quiet(quietMs: number, limitMs?: number): Promise<void>;
  close(): void;
}

const LOOK_EVERY_MS = 25;

export function watchActivity(stack: LocalStack): ActivityWatch {
  let lastActivity = performance.now();
  let cloudCalls = stack.cloud.calls.all().length;
  const unsubscribe = stack.slack.onChange(() => {
    lastActivity = performance.now();
  });
  return {
    async quiet(quietMs, limitMs = 120_000) {
      const started = performance.now();
      for (;;) {
        const calls = stack.cloud.calls.all().length;
        if (calls !== cloudCalls) {
          cloudCalls = calls;
          lastActivity = performance.now();
        }
        const now = performance.now();
        if (now - lastActivity >= quietMs) return;
        if (now - started > limitMs) throw new Error(`the bot was still busy after ${limitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
      }
    },
    close: unsubscribe,
  };
}
