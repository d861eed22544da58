/**
 * Group commit: every write queued in one turn of the event loop, across all collections and
 * requests, goes to the backend as one batch in one transaction, and each caller hears its own
 * outcome only once that transaction committed. A burst of clicks that each must be stored
 * before Slack is answered then pays for one commit, not one per click and audit entry. One
 * batch is in flight at a time; writes queued meanwhile form the next.
 */
import type { RecordWrite, StoreBackend } from './store-backend.ts';

export interface GroupCommit {
  /**
   * Queues a write and the writes that follow it (stored only if it is) for the next batch;
   * resolves, after the commit, with whether each was applied: `[lead, ...followers]`.
   */
  write(lead: RecordWrite, followers?: readonly RecordWrite[]): Promise<boolean[]>;
  /** Resolves once nothing is queued or in flight. */
  drained(): Promise<void>;
}

interface Queued {
  writes: RecordWrite[];
  resolve(applied: boolean[]): void;
  reject(error: unknown): void;
}

export function createGroupCommit(backend: Pick<StoreBackend, 'writeBatch'>): GroupCommit {
  const queue: Queued[] = [];
  let scheduled = false;
  let inFlight: Promise<void> | undefined;

  const schedule = () => {
    if (scheduled || inFlight) return;
    scheduled = true;
    // setImmediate, not a microtask: the clicks of one burst are handled in separate callbacks of
    // the same loop turn, and all of them should be in the batch.
    setImmediate(() => {
      scheduled = false;
      inFlight = commit(queue.splice(0)).finally(() => {
        inFlight = undefined;
        if (queue.length > 0) schedule();
      });
    });
  };

  async function commit(batch: Queued[]): Promise<void> {
    try {
      const applied = await backend.writeBatch(
        batch.flatMap((queued) => queued.writes),
        Date.now(),
      );
      let offset = 0;
      for (const queued of batch) {
        queued.resolve(applied.slice(offset, offset + queued.writes.length));
        offset += queued.writes.length;
      }
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }

  return {
    write(lead, followers = []) {
      return new Promise<boolean[]>((resolve, reject) => {
        const writes = [
          { ...lead, follows: false },
          ...followers.map((follower) => ({ ...follower, follows: true })),
        ];
        queue.push({ writes, resolve, reject });
        schedule();
      });
    },

    async drained() {
      while (scheduled || inFlight || queue.length > 0) {
        await (inFlight ?? new Promise<void>((resolve) => setImmediate(resolve)));
      }
    },
  };
}
