/**
 * One queue per request inside a process: opening, reloading, adopting and archiving the same
 * request run one after another, never interleaved, while different requests go on in parallel.
 */
export type RequestLock = <T>(requestId: string, fn: () => Promise<T>) => Promise<T>;

export function createRequestLocks(): RequestLock {
  const locks = new Map<string, Promise<unknown>>();
  return (requestId, fn) => {
    const previous = locks.get(requestId) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => {});
    locks.set(requestId, settled);
    void settled.then(() => {
      if (locks.get(requestId) === settled) locks.delete(requestId);
    });
    return next;
  };
}
