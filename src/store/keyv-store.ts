import type { Keyv } from 'keyv';
import type { Logger } from '../observability/logger.ts';
import { createAuditLog } from './audit-log.ts';
import { createGroupCommit } from './group-commit.ts';
import { createLeaseManager, type LeaseRecord } from './lease-manager.ts';
import type { AuditEntry, Store } from './store.ts';
import type { StoreBackend } from './store-backend.ts';
import { KeyvCollection } from './versioned-collection.ts';

export interface StoreOptions {
  logger: Logger;
  /** Prefix of every Keyv namespace, so several deployments (or test runs) can share a database. */
  namespace: string;
  /** Judges lease expiry; entry TTLs follow Keyv's own clock (`Date.now()`). */
  clock: () => number;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The Store on top of any backend. Namespaces: `<prefix>.<name>` for collections,
 * `<prefix>.<name>.archive` for archives, `<prefix>._audit` and `<prefix>._leases` for the
 * store's own records; names cannot contain `.` or start with `_`, so these never collide.
 */
export function createKeyvStore(backend: StoreBackend, options: StoreOptions): Store {
  checkStoreName('namespace', options.namespace);
  const keyvs = new Map<string, Keyv>();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new Error('the store is closed');
  };

  const keyvFor = (namespace: string): Keyv => {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      keyv = backend.openKeyv(namespace);
      // Without this Keyv turns a failing database into `undefined`: a live request would look absent.
      keyv.throwOnErrors = true;
      keyv.on('error', (error: unknown) => options.logger.warn('store backend error', { namespace, error }));
      keyvs.set(namespace, keyv);
    }
    return keyv;
  };
  const group = createGroupCommit(backend);
  const open = <T>(namespace: string, ttlMs?: number) =>
    new KeyvCollection<T>({
      backend,
      group,
      audit: () => audit,
      keyv: () => keyvFor(namespace),
      namespace,
      ttlMs,
      assertOpen,
    });
  const audit = createAuditLog(open<AuditEntry>(`${options.namespace}._audit`), options.logger);

  return {
    collection: (name) => open(`${options.namespace}.${checkStoreName('collection', name)}`),
    archive: (name, ttlMs) => {
      if (!(Number.isFinite(ttlMs) && ttlMs > 0))
        throw new Error(`archive ${name} needs a positive retention, got ${ttlMs}`);
      return open(`${options.namespace}.${checkStoreName('archive', name)}.archive`, ttlMs);
    },
    audit,
    leases: createLeaseManager(open<LeaseRecord>(`${options.namespace}._leases`), options.clock),
    async close() {
      if (closed) return;
      closed = true;
      // Writes queued before the close are committed, not lost to a closed database.
      await group.drained();
      await backend.close();
    },
  };
}

export function checkStoreName(kind: string, name: string): string {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `store ${kind} name "${name}" must be letters, digits, "-" or "_", not starting with "_"`,
    );
  }
  return name;
}
