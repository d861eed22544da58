import type { VersionedCollection } from '../../../src/store/store.ts';

/**
 * Read-modify-write of a counter through compare-and-set, retrying on conflict. Yields between
 * read and write so concurrent writers really interleave. Returns how many conflicts it met.
 */
export async function incrementWithRetry(counters: VersionedCollection<number>, id: string): Promise<number> {
  for (let conflicts = 0; ; conflicts++) {
    const current = await counters.get(id);
    await new Promise((resolve) => setImmediate(resolve));
    const written = current
      ? await counters.update(id, current.version, current.value + 1)
      : await counters.create(id, 1);
    if (written) return conflicts;
  }
}

export async function incrementTimes(counters: VersionedCollection<number>, id: string, times: number) {
  let conflicts = 0;
  for (let i = 0; i < times; i++) conflicts += await incrementWithRetry(counters, id);
  return conflicts;
}
