/**
 * One queue per request inside a process: opening, reloading, adopting and archiving the same
 * request run one after another, never interleaved, while different requests go on in parallel.
 */
export interface RequestLocks {
  <T>(requestId: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Resolves once every queue has run out, work queued meanwhile included: what is held here
   * writes to the store, so a stopping runtime waits for it before the store closes.
   */
  drained(): Promise<void>;
}

export function createRequestLocks(): RequestLocks {
  const locks = new Map<string, Promise<unknown>>();
  const withLock = <T>(requestId: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(requestId) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => {});
    locks.set(requestId, settled);
    void settled.then(() => {
      if (locks.get(requestId) === settled) locks.delete(requestId);
    });
    return next;
  };
  return Object.assign(withLock, {
    async drained() {
      while (locks.size > 0) await Promise.all(locks.values());
    },
  });
}
