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
  /** The longest background work waits, however busy Slack keeps the bot. */
  maxWaitMs: number;
}

export function createPendingAcks(options: PendingAcksOptions): PendingAcks {
  let waiting = 0;
  let waiters: Array<() => void> = [];
  let releasing = false;

  function releaseWhenQuiet(): void {
    if (releasing || waiters.length === 0) return;
    releasing = true;
    // One turn of the event loop later: requests whose bytes already arrived are taken first,
    // so the gaps between the requests of one burst do not let background work in.
    setImmediate(() => {
      releasing = false;
      if (waiting > 0) return;
      const released = waiters;
      waiters = [];
      for (const release of released) release();
    });
  }

  return {
    track(response) {
      waiting++;
      response.once('close', () => {
        waiting--;
        if (waiting === 0) releaseWhenQuiet();
      });
    },
    get waiting() {
      return waiting;
    },
    idle() {
      if (waiting === 0 && waiters.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        let done = false;
        const release = () => {
          if (done) return;
          done = true;
          clearTimeout(bound);
          resolve();
        };
        const bound = setTimeout(release, options.maxWaitMs);
        bound.unref();
        waiters.push(release);
        releaseWhenQuiet();
      });
    },
  };
}
