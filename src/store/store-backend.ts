import type { Keyv } from 'keyv';

/**
 * What each backend (SQLite, Redis, PostgreSQL) must provide beyond Keyv: compare-and-set and a
 * complete key listing, both working on the very rows Keyv reads and writes. Everything else
 * (versions, archives, audit, leases) is written once on top of this.
 */
export interface StoreBackend {
  /** A plain Keyv for one namespace; the caller turns on throwOnErrors and listens for errors. */
  openKeyv(namespace: string): Keyv;
  /** Writes the row only when the key is absent or its Keyv expiry has passed; true when written. */
  insertIfAbsent(namespace: string, id: string, row: KeyvRow, now: number): Promise<boolean>;
  /** Writes the row only when the live stored record has `expectedVersion`; true when written. */
  replaceIfVersion(
    namespace: string,
    id: string,
    expectedVersion: number,
    row: KeyvRow,
    now: number,
  ): Promise<boolean>;
  /**
   * Every unexpired id in the namespace that starts with `prefix`, collected in full before it
   * returns. A failure anywhere in the scan rejects; it never yields a shorter list.
   */
  liveIds(namespace: string, prefix: string, now: number): Promise<string[]>;
  close(): Promise<void>;
}

/** A record exactly as Keyv itself would store it. */
export interface KeyvRow {
  /** `defaultSerialize({ value, expires })` from @keyv/serialize. */
  text: string;
  /** Present for entries with a TTL; Redis also expires the key natively after it. */
  ttlMs?: number;
}
