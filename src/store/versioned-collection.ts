import type { Keyv } from 'keyv';
import type { StagedAudit } from './audit-log.ts';
import type { GroupCommit } from './group-commit.ts';
import { serializeKeyvValue } from './keyv-row.ts';
import type { AuditEntry, Versioned, VersionedCollection } from './store.ts';
import type { KeyvRow, RecordWrite, StoreBackend } from './store-backend.ts';

/** Where a collection's updates put the audit entries that record them. */
export interface AuditStaging {
  stage(entries: readonly AuditEntry[]): StagedAudit;
}

/**
 * A namespace of versioned records. Reads and deletes go through Keyv; creates and updates are
 * compare-and-set writes of the exact row Keyv would have written, committed through the store's
 * group commit.
 */
export class KeyvCollection<T> implements VersionedCollection<T> {
  readonly #backend: StoreBackend;
  readonly #group: GroupCommit;
  readonly #audit: () => AuditStaging;
  readonly #keyv: () => Keyv<Versioned<T>>;
  readonly #namespace: string;
  readonly #ttlMs: number | undefined;
  readonly #assertOpen: () => void;

  constructor(options: {
    backend: StoreBackend;
    group: GroupCommit;
    /** The store's audit log, which gives its entries their keys. */
    audit: () => AuditStaging;
    /** Opened on first use, so naming a collection never touches the database. */
    keyv: () => Keyv;
    namespace: string;
    ttlMs?: number;
    assertOpen: () => void;
  }) {
    this.#backend = options.backend;
    this.#group = options.group;
    this.#audit = options.audit;
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
    const [written] = await this.#group.write(this.insertion(id, value));
    return written ? record : undefined;
  }

  async update(
    id: string,
    expectedVersion: number,
    value: T,
    audit: readonly AuditEntry[] = [],
  ): Promise<Versioned<T> | undefined> {
    this.#assertOpen();
    const record = { version: expectedVersion + 1, value };
    const write = { namespace: this.#namespace, id, row: this.#row(record), expectedVersion };
    const staged = audit.length > 0 ? this.#audit().stage(audit) : undefined;
    const [written, ...logged] = await this.#group.write(write, staged?.writes);
    if (!written) return undefined;
    await staged?.settle(logged);
    return record;
  }

  /** The write that creates `id` at version 1, for a batch. */
  insertion(id: string, value: T): RecordWrite {
    return { namespace: this.#namespace, id, row: this.#row({ version: 1, value }) };
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
  #row(record: Versioned<T>): KeyvRow {
    if (this.#ttlMs === undefined) return { text: serializeKeyvValue({ value: record }) };
    return {
      text: serializeKeyvValue({ value: record, expires: Date.now() + this.#ttlMs }),
      ttlMs: this.#ttlMs,
    };
  }
}
