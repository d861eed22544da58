import { createLogger, type Logger, redact, registerSecret } from '../observability/logger.ts';
import { checkStoreName, createKeyvStore } from './keyv-store.ts';
import { openSqliteBackend, openSqliteDatabase } from './sqlite-backend.ts';
import type { Store } from './store.ts';
import type { StoreBackend } from './store-backend.ts';
import { maskStoreUrl, parseStoreUrl, type StoreLocation, storeUrlSecrets } from './store-url.ts';

export { exportAuditJsonLines } from './audit-log.ts';
export type { LeaseRecord } from './lease-manager.ts';
export type {
  AuditEntry,
  AuditLog,
  Lease,
  LeaseManager,
  Store,
  Versioned,
  VersionedCollection,
} from './store.ts';
export { maskStoreUrl } from './store-url.ts';

export const DEFAULT_STORE_URL = 'sqlite:./var/snapcopy.sqlite';

export interface CreateStoreOptions {
  logger?: Logger;
  /** Prefix of every key namespace (default `snapcopy`); letters, digits, `-` and `_`. */
  namespace?: string;
  /** Clock for lease expiry (default `Date.now`). */
  clock?: () => number;
}

/**
 * Opens the store a URL names: `sqlite:<path>` (directories created), `sqlite::memory:`,
 * `redis://…`, or `postgres://…`/`postgresql://…`. Fails when the database cannot be reached;
 * the URL's password never appears in the error or in a log line.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url);
  const namespace = checkStoreName('namespace', options.namespace ?? 'snapcopy');
  const secrets = storeUrlSecrets(url);
  for (const secret of secrets) registerSecret(secret);
  const logger = options.logger ?? createLogger('store');
  let backend: StoreBackend;
  try {
    backend = await openBackend(location, logger);
  } catch (error) {
    throw new Error(`cannot open store ${maskStoreUrl(url)}: ${describe(error, secrets)}`);
  }
  logger.info('store opened', { url: maskStoreUrl(url) });
  return createKeyvStore(backend, {
    logger,
    namespace,
    clock: options.clock ?? Date.now,
  });
}

/**
 * The Redis and PostgreSQL drivers are loaded only for their URL: together they are about a
 * quarter of a second of every start, and the default SQLite store needs neither.
 */
async function openBackend(location: StoreLocation, logger: Logger): Promise<StoreBackend> {
  switch (location.kind) {
    case 'sqlite':
      return openSqliteBackend(openSqliteDatabase(location.path));
    case 'redis': {
      const { openRedisBackend } = await import('./redis-backend.ts');
      return openRedisBackend(location.url, logger.child('redis'));
    }
    case 'postgres': {
      const { openPostgresBackend } = await import('./postgres-backend.ts');
      return openPostgresBackend(location.url, logger.child('postgres'));
    }
  }
}

/**
 * The driver's message without the password. The original error is not attached as `cause`:
 * drivers keep the full connection string on their errors (e.g. an invalid URL's `input`).
 */
function describe(error: unknown, secrets: string[]): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(secrets.reduce((text, secret) => text.split(secret).join('***'), message));
}
