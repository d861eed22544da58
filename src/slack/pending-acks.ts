/**
 * Which Slack requests are still waiting for their ack: counted from the moment the HTTP server
 * has them until their response is finished (or the connection dropped). The workflow's
 * background work waits on `idle()` (see src/workflow/foreground-activity.ts).
 */
import type { ServerResponse } from 'node:http';
import type { ForegroundActivity } from '../workflow/foreground-activity.ts';

export interface PendingAcks extends ForegroundActivity {
  /** A Slack request arrived; it counts until `response` closes. */
  track(response: ServerResponse): void;
  readonly waiting: number;
}

export interface PendingAcksOptions {
  /**
   * How long no request may have waited before background work goes on. The requests of one
   * burst arrive a few milliseconds apart; without this, every gap would let background work in.
   */
  quietMs: number;
  /** The longest background work waits, however busy Slack keeps the bot. */
  maxWaitMs: number;
}

export function createPendingAcks(options: PendingAcksOptions): PendingAcks {
  let waiting = 0;
  let quietSince = Number.NEGATIVE_INFINITY;
  const waiters = new Set<() => void>();
  let quietTimer: NodeJS.Timeout | undefined;

  const isQuiet = () => waiting === 0 && performance.now() - quietSince >= options.quietMs;

  function releaseAll(): void {
    for (const release of waiters) release();
  }

  function releaseWhenQuiet(): void {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    if (waiting > 0 || waiters.size === 0) return;
    const left = quietSince + options.quietMs - performance.now();
    if (left > 0) quietTimer = setTimeout(releaseWhenQuiet, left);
    else releaseAll();
  }

  return {
    track(response) {
      waiting++;
      clearTimeout(quietTimer);
      quietTimer = undefined;
      response.once('close', () => {
        waiting--;
        if (waiting > 0) return;
        quietSince = performance.now();
        releaseWhenQuiet();
      });
    },
    get waiting() {
      return waiting;
    },
    idle() {
      if (isQuiet()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        // Leaves the set either way, so waits that hit the bound do not pile up under steady traffic.
        const release = () => {
          waiters.delete(release);
          clearTimeout(bound);
          resolve();
        };
        const bound = setTimeout(release, options.maxWaitMs);
        waiters.add(release);
        if (!quietTimer) releaseWhenQuiet();
      });
    },
  };
}
