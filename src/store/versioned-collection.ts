import { defaultSerialize } from '@keyv/serialize';
import type { Keyv } from 'keyv';
import type { Versioned, VersionedCollection } from './store.ts';
import type { KeyvRow, StoreBackend } from './store-backend.ts';

/**
 * A namespace of versioned records. Reads and deletes go through Keyv; creates and updates go
 * through the backend's compare-and-set, which writes the exact row Keyv would have written.
 */
export class KeyvCollection<T> implements VersionedCollection<T> {
  readonly #backend: StoreBackend;
  readonly #keyv: () => Keyv<Versioned<T>>;
  readonly #namespace: string;
  readonly #ttlMs: number | undefined;
  readonly #assertOpen: () => void;

  constructor(options: {
    backend: StoreBackend;
    /** Opened on first use, so naming a collection never touches the database. */
    keyv: () => Keyv;
    namespace: string;
    ttlMs?: number;
    assertOpen: () => void;
  }) {
    this.#backend = options.backend;
    this.#keyv = options.keyv as () => Keyv<Versioned<T>>;
    this.#namespace = options.namespace;
    this.#ttlMs = options.ttlMs;
    this.#assertOpen = options.assertOpen;
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    return this.#keyv().get(id);
  }

  /** Records in the order of `ids`; undefined where one is gone (deleted or expired). */
  async getMany(ids: string[]): Promise<Array<Versioned<T> | undefined>> {
    this.#assertOpen();
    return ids.length === 0 ? [] : this.#keyv().get(ids);
  }

  async create(id: string, value: T): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    const record = { version: 1, value };
    const now = Date.now();
    return (await this.#backend.insertIfAbsent(this.#namespace, id, this.#row(record, now), now))
      ? record
      : undefined;
  }

  async update(id: string, expectedVersion: number, value: T): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    const record = { version: expectedVersion + 1, value };
    const now = Date.now();
    const row = this.#row(record, now);
    return (await this.#backend.replaceIfVersion(this.#namespace, id, expectedVersion, row, now))
      ? record
      : undefined;
  }

  async delete(id: string): Promise<void> {
    this.#assertOpen();
    await this.#keyv().delete(id);
  }

  async ids(): Promise<string[]> {
    return this.idsStartingWith('');
  }

  async idsStartingWith(prefix: string): Promise<string[]> {
    this.#assertOpen();
    return this.#backend.liveIds(this.#namespace, prefix, Date.now());
  }

  /**
   * Keyv's own row format with Keyv's clock (`Date.now()`), so Keyv's lazy expiry and this
   * record's expiry agree. Every write restarts an archive entry's retention.
   */
  #row(record: Versioned<T>, now: number): KeyvRow {
    if (this.#ttlMs === undefined) return { text: defaultSerialize({ value: record }) };
    return { text: defaultSerialize({ value: record, expires: now + this.#ttlMs }), ttlMs: this.#ttlMs };
  }
}
