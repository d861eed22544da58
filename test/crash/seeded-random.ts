/**
 * Every random choice of a crash run comes from one seed, so a failing run can be replayed:
 * `SNAPCOPY_CRASH_SEED=<seed> npx vitest run test/crash`. Timing still varies between runs, so a
 * replay takes the same decisions, not necessarily the same interleaving.
 */
export interface SeededRandom {
  readonly seed: number;
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast and good enough to spread test decisions. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    chance: (probability) => next() < probability,
    pick(items) {
      if (items.length === 0) throw new Error('cannot pick from nothing');
      return items[int(0, items.length - 1)]!;
    },
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}

/** The seed from SNAPCOPY_CRASH_SEED, or a fresh one. */
export function crashSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.SNAPCOPY_CRASH_SEED?.trim();
  if (!given) return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`SNAPCOPY_CRASH_SEED must be an integer in [0, 2^32), not ${JSON.stringify(given)}`);
  }
  return seed;
}
