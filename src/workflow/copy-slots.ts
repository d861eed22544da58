/**
 * Copy slots: at most `maxPerRegion` copies in flight per destination region, the others queued
 * first come, first served (issue #12). A slot is held from the CopySnapshot call until the copy
 * ends. Kept in memory only, which is enough because CopySnapshot is idempotent (ClientToken):
 * after a restart the copies already running take their slots again (`occupy`) before the gate
 * opens, and the requests still in `copying` ask again in their original order (`askedAt`).
 */

export interface SlotAsk {
  requestId: string;
  regionId: string;
  /** When the request first asked (it entered `copying`); orders the queue across restarts. */
  askedAt: number;
}

/** Where a waiting request stands: `ahead` requests in the region's queue get a slot before it. */
export interface QueuedCopy {
  regionId: string;
  ahead: number;
}

export interface CopySlots {
  /**
   * Resolves once the request holds a slot in its region (at once when it already holds one).
   * Rejects, and leaves the queue, when `signal` aborts or the wait is withdrawn.
   */
  take(ask: SlotAsk, signal?: AbortSignal): Promise<void>;
  /** A copy already running (restored into progress) holds a slot at once, over the cap if it must. */
  occupy(requestId: string, regionId: string): void;
  /** The copy ended, or the request left: its slot or its place in the queue goes to the next. */
  release(requestId: string): void;
  /** Ends a wait by rejecting it with `reason` (a cancel); false when the request was not waiting. */
  withdraw(requestId: string, reason: Error): boolean;
  queued(requestId: string): QueuedCopy | undefined;
  /** Slots are handed out only while open: closed until the running copies are restored. */
  open(): void;
  /**
   * This process no longer runs copies: nothing is handed out and every held slot is forgotten.
   * Waiting requests stay until their actors stop (their signals abort): rejecting them here
   * would fail requests that are only being shut down.
   */
  close(): void;
}

export interface CopySlotsOptions {
  maxPerRegion: number;
  /** Told when a request starts or stops waiting, so what people see of it can follow. */
  onQueueChange?(requestId: string): void;
}

interface Waiter extends SlotAsk {
  grant(): void;
  reject(reason: Error): void;
}

export class CopySlotAborted extends Error {
  constructor(requestId: string) {
    super(`request ${requestId} stopped waiting for a copy slot`);
    this.name = 'CopySlotAborted';
  }
}

export function createCopySlots(options: CopySlotsOptions): CopySlots {
  const { maxPerRegion } = options;
  if (!Number.isInteger(maxPerRegion) || maxPerRegion < 1) {
    throw new Error(`copy slots per region must be a positive integer, not ${maxPerRegion}`);
  }
  /** requestId → region of the slot it holds. */
  const holders = new Map<string, string>();
  const inFlight = new Map<string, number>();
  /** Per region, by `askedAt`, equal times in the order they asked. */
  const queues = new Map<string, Waiter[]>();
  const waiting = new Map<string, Waiter>();
  let isOpen = false;

  const changed = (requestId: string) => options.onQueueChange?.(requestId);

  function hold(requestId: string, regionId: string): void {
    holders.set(requestId, regionId);
    inFlight.set(regionId, (inFlight.get(regionId) ?? 0) + 1);
  }

  function dequeue(waiter: Waiter): void {
    waiting.delete(waiter.requestId);
    const queue = queues.get(waiter.regionId) ?? [];
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) queues.delete(waiter.regionId);
  }

  function grantIn(regionId: string): void {
    if (!isOpen) return;
    const queue = queues.get(regionId);
    while (queue && queue.length > 0 && (inFlight.get(regionId) ?? 0) < maxPerRegion) {
      const next = queue[0] as Waiter;
      dequeue(next);
      hold(next.requestId, regionId);
      next.grant();
      changed(next.requestId);
    }
  }

  function enqueue(waiter: Waiter): void {
    const queue = queues.get(waiter.regionId) ?? [];
    let index = queue.length;
    while (index > 0 && (queue[index - 1] as Waiter).askedAt > waiter.askedAt) index--;
    queue.splice(index, 0, waiter);
    queues.set(waiter.regionId, queue);
    waiting.set(waiter.requestId, waiter);
  }

  return {
    take(ask, signal) {
      const { requestId, regionId } = ask;
      if (holders.has(requestId)) return Promise.resolve();
      const aborted = new CopySlotAborted(requestId);
      if (signal?.aborted) return Promise.reject(aborted);
      // A second ask of the same request (its actor restored again) replaces the first.
      waiting.get(requestId)?.reject(aborted);
      if (isOpen && !queues.has(regionId) && (inFlight.get(regionId) ?? 0) < maxPerRegion) {
        hold(requestId, regionId);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          if (waiting.get(requestId) === waiter) waiter.reject(aborted);
        };
        const waiter: Waiter = {
          ...ask,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject: (reason) => {
            signal?.removeEventListener('abort', onAbort);
            dequeue(waiter);
            reject(reason);
            changed(requestId);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        enqueue(waiter);
        changed(requestId);
      });
    },
    occupy(requestId, regionId) {
      if (holders.has(requestId)) return;
      waiting.get(requestId)?.reject(new CopySlotAborted(requestId));
      hold(requestId, regionId);
    },
    release(requestId) {
      const regionId = holders.get(requestId);
      if (regionId !== undefined) {
        holders.delete(requestId);
        inFlight.set(regionId, (inFlight.get(regionId) ?? 1) - 1);
        grantIn(regionId);
        return;
      }
      waiting.get(requestId)?.reject(new CopySlotAborted(requestId));
    },
    withdraw(requestId, reason) {
      const waiter = waiting.get(requestId);
      if (!waiter) return false;
      waiter.reject(reason);
      return true;
    },
    queued(requestId) {
      const waiter = waiting.get(requestId);
      if (!waiter) return undefined;
      const queue = queues.get(waiter.regionId) ?? [];
      return { regionId: waiter.regionId, ahead: queue.indexOf(waiter) };
    },
    open() {
      isOpen = true;
      for (const regionId of [...queues.keys()]) grantIn(regionId);
    },
    close() {
      isOpen = false;
      holders.clear();
      inFlight.clear();
    },
  };
}
