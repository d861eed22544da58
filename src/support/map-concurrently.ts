/**
 * Maps items through an async function with at most `limit` calls in flight, keeping the input
 * order in the result. Used where a fan-out of cloud calls must not look like a burst to the
 * API's per-account rate limit. The first failure rejects the whole map.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
