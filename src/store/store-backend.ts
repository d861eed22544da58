import type { Keyv } from 'keyv';

/**
 * What each backend (SQLite, Redis, PostgreSQL) must provide beyond Keyv: a batch of
 * compare-and-set writes in one transaction and a complete key listing, both working on the very
 * rows Keyv reads and writes. Everything else (versions, archives, audit, leases, group commit)
 * is written once on top of this.
 */
export interface StoreBackend {
  /** A plain Keyv for one namespace; the caller turns on throwOnErrors and listens for errors. */
  openKeyv(namespace: string): Keyv;
  /**
   * Applies the writes in order, each only when its own condition holds, in one transaction (on
   * Redis one script, which runs alone); returns whether each was applied, in the same order. A
   * condition that fails skips that write only. An error rejects the whole batch, and nothing
   * of it is applied.
   */
  writeBatch(writes: readonly RecordWrite[], now: number): Promise<boolean[]>;
  /**
   * Every unexpired id in the namespace that starts with `prefix`, collected in full before it
   * returns. A failure anywhere in the scan rejects; it never yields a shorter list.
   */
  liveIds(namespace: string, prefix: string, now: number): Promise<string[]>;
  close(): Promise<void>;
}

/** One conditional write of a batch. */
export interface RecordWrite {
  namespace: string;
  id: string;
  row: KeyvRow;
  /**
   * Replace only while the live stored record has this version. Absent: insert only when the key
   * is absent or its Keyv expiry has passed.
   */
  expectedVersion?: number;
  /**
   * Applied only when its lead, the nearest earlier write of the batch without `follows`, was
   * applied: the audit entries of a change are stored with the change or not at all.
   */
  follows?: boolean;
}

/** A record exactly as Keyv itself would store it. */
export interface KeyvRow {
  /** `defaultSerialize({ value, expires })` from @keyv/serialize. */
  text: string;
  /** Present for entries with a TTL; Redis also expires the key natively after it. */
  ttlMs?: number;
}

/**
 * The rule every backend applies to a batch, given how to apply one write: a follower whose lead
 * was not applied is skipped. A generator, so SQLite can run it synchronously inside one
 * better-sqlite3 transaction and PostgreSQL can await each statement inside its own.
 */
export function* batchOutcomes(writes: readonly RecordWrite[]): Generator<RecordWrite, boolean[], boolean> {
  const applied: boolean[] = [];
  let leadApplied = false;
  for (const write of writes) {
    if (write.follows && !leadApplied) {
      applied.push(false);
      continue;
    }
    const done = yield write;
    if (!write.follows) leadApplied = done;
    applied.push(done);
  }
  return applied;
}
