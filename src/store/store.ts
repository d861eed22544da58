/**
 * The store behind the workflow: Keyv underneath (SQLite file by default, Redis or PostgreSQL by
 * URL), plus what Keyv lacks: compare-and-set on a version, so two writers never silently
 * overwrite each other, and leases for choosing one active worker among replicas.
 */

export interface Versioned<T> {
  version: number;
  value: T;
}

export interface VersionedCollection<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  /** Inserts at version 1 when absent; returns undefined when the id already exists. */
  create(id: string, value: T): Promise<Versioned<T> | undefined>;
  /**
   * Writes only if the stored version is still expectedVersion; returns the new version or
   * undefined. `audit`: the entries that record this change, stored in the same transaction and
   * only if the change is.
   */
  update(
    id: string,
    expectedVersion: number,
    value: T,
    audit?: readonly AuditEntry[],
  ): Promise<Versioned<T> | undefined>;
  delete(id: string): Promise<void>;
  /** Every id in the collection, collected before the caller acts on any of them. */
  ids(): Promise<string[]>;
}

export interface AuditEntry {
  requestId: string;
  at: number;
  /** Slack user ID, or "snapcopy" for the bot's own steps. */
  actor: string;
  /** e.g. "submitted", "approved", "copy.started", "state:awaitingApproval->copying". */
  action: string;
  from?: string;
  to?: string;
  /** Cloud request IDs returned by the calls this step made. */
  cloudRequestIds?: string[];
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  forRequest(requestId: string): Promise<AuditEntry[]>;
  /** Every entry, oldest first, for export as JSON lines. */
  entries(): AsyncIterable<AuditEntry>;
}

export interface Lease {
  name: string;
  owner: string;
  /** Increases on every acquisition; writes can be fenced with it. */
  epoch: number;
  expiresAt: number;
}

export interface LeaseManager {
  /** Takes the lease if it is free or expired (or already ours); undefined when another owner holds it. */
  acquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease we hold; undefined when it was lost. */
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
}

export interface Store {
  /** Open requests, scanned on start. */
  collection<T>(name: string): VersionedCollection<T>;
  /** Finished requests, kept for the configured retention. */
  archive<T>(name: string, ttlMs: number): VersionedCollection<T>;
  audit: AuditLog;
  leases: LeaseManager;
  close(): Promise<void>;
}
