/**
 * Everything that changes in the stand-in is announced here, so tests can wait for an outcome and
 * the playground can stream it to a browser.
 */
import type { EphemeralMessage, SlackMessage } from './message-store.ts';
import type { StandInView } from './view-store.ts';

export type SlackChange =
  | {
      type: 'message_posted' | 'message_updated' | 'message_deleted';
      channelId: string;
      message: SlackMessage;
    }
  | {
      type: 'ephemeral_posted' | 'ephemeral_updated' | 'ephemeral_deleted';
      userId: string;
      message: EphemeralMessage;
    }
  | { type: 'view_opened' | 'view_updated' | 'view_closed'; userId: string; view: StandInView }
  | { type: 'home_published'; userId: string; view: StandInView };

export type ChangeListener = (change: SlackChange) => void;

export interface WaitOptions {
  timeoutMs?: number;
  /** Named in the timeout error, to tell which wait failed. */
  description?: string;
}

export interface ChangeFeed {
  emit(change: SlackChange): void;
  /** Returns the function that unsubscribes. */
  onChange(listener: ChangeListener): () => void;
  /**
   * Resolves with the probe's first truthy result. The probe runs now, after every change and on a
   * short interval (it may look at things outside the stand-in, such as the bot's store).
   */
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitOptions): Promise<T>;
}

const DEFAULT_WAIT_MS = 5000;
const RECHECK_MS = 25;

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  const onChange = (listener: ChangeListener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    emit(change) {
      for (const listener of [...listeners]) listener(change);
    },
    onChange,
    waitFor(probe, options = {}) {
      const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
      return new Promise((resolve, reject) => {
        let finished = false;
        const finish = (settle: () => void) => {
          finished = true;
          unsubscribe();
          clearInterval(interval);
          clearTimeout(timer);
          settle();
        };
        const check = () => {
          if (finished) return;
          try {
            const result = probe();
            if (result) finish(() => resolve(result));
          } catch (error) {
            finish(() => reject(error instanceof Error ? error : new Error(String(error))));
          }
        };
        const unsubscribe = onChange(check);
        const interval = setInterval(check, RECHECK_MS);
        const timer = setTimeout(() => {
          const what = options.description ? ` for ${options.description}` : '';
          finish(() => reject(new Error(`waitFor timed out after ${timeoutMs} ms${what}`)));
        }, timeoutMs);
        check();
      });
    },
  };
}
