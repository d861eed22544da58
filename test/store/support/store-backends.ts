import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyvPostgres } from '@keyv/postgres';
import { createClient } from '@keyv/redis';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { createLogger } from '../../../src/observability/logger.ts';
import { type CreateStoreOptions, createStore } from '../../../src/store/index.ts';
import { createKeyvStore } from '../../../src/store/keyv-store.ts';
import { openPostgresBackend } from '../../../src/store/postgres-backend.ts';
import { openRedisBackend } from '../../../src/store/redis-backend.ts';
import { openSqliteBackend, openSqliteDatabase, SQLITE_TABLE } from '../../../src/store/sqlite-backend.ts';
import type { Store } from '../../../src/store/store.ts';
import type { StoreBackend } from '../../../src/store/store-backend.ts';
import { startTcpProxy } from './tcp-proxy.ts';

/** A password that must never show up in an error or a log line. */
export const SECRET_PASSWORD = 'n0t-to-be-seen-9f3a';
export const silentLogger = createLogger('store-test', { write: () => {} });

/** One backend the contract suites run against; Redis and PostgreSQL only when CI names them. */
export interface StoreBackendCase {
  name: string;
  /** A URL for one test; every store a test opens on it sees the same data. */
  newUrl(): string;
  /** A URL (with a password) whose database cannot be reached. */
  unreachableUrl(): Promise<string>;
  /** The raw keys under a namespace prefix, as the database holds them. */
  rawKeys(url: string, namespace: string): Promise<string[]>;
  removeAll(url: string, namespace: string): Promise<void>;
  /** The raw backend on a URL, for a store the test builds around it. */
  openBackend(url: string): Promise<StoreBackend>;
  /** A store whose connection the test can cut while it is in use. */
  openForOutage(namespace: string): Promise<{ store: Store; cutOff: () => Promise<void> }>;
}

/** Call at the top of a test file: the list for `describe.each`, plus cleanup of temp files. */
export function storeBackendCases(): StoreBackendCase[] {
  const dir = mkdtempSync(join(tmpdir(), 'snapcopy-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases = [sqliteCase(dir)];
  const redisUrl = process.env.SNAPCOPY_TEST_REDIS_URL;
  if (redisUrl) cases.push(redisCase(redisUrl));
  const postgresUrl = process.env.SNAPCOPY_TEST_POSTGRES_URL;
  if (postgresUrl) cases.push(postgresCase(postgresUrl));
  return cases;
}

/** Per test: a fresh namespace and URL; every store opened is closed and its keys removed after. */
export function useTestStores(backend: StoreBackendCase) {
  const opened: Store[] = [];
  const current = { url: '', namespace: '' };
  beforeEach(() => {
    current.url = backend.newUrl();
    current.namespace = `t${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await backend.removeAll(current.url, current.namespace);
  });
  return {
    current,
    /** Closes (and cleans up after) a store the test built itself. */
    adopt(store: Store): Store {
      opened.push(store);
      return store;
    },
    async open(options: CreateStoreOptions = {}): Promise<Store> {
      const store = await createStore(current.url, {
        namespace: current.namespace,
        logger: silentLogger,
        ...options,
      });
      opened.push(store);
      return store;
    },
  };
}

function sqliteCase(dir: string): StoreBackendCase {
  let files = 0;
  const pathOf = (url: string) => url.slice('sqlite:'.length);
  const withDatabase = <T>(url: string, use: (db: Database.Database) => T): T => {
    const db = new Database(pathOf(url));
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    name: 'sqlite',
    newUrl: () => `sqlite:${join(dir, `run-${++files}`, 'snapcopy.sqlite')}`,
    async unreachableUrl() {
      const notADirectory = join(dir, `plain-file-${++files}`);
      writeFileSync(notADirectory, '');
      return `sqlite:${join(notADirectory, 'snapcopy.sqlite')}`;
    },
    async rawKeys(url, namespace) {
      return withDatabase(url, (db) =>
        db
          .prepare<[string], { key: string }>(`SELECT key FROM ${SQLITE_TABLE} WHERE key LIKE ?`)
          .all(`${namespace}.%`)
          .map((row) => row.key),
      );
    },
    async removeAll() {
      // Each test has its own file, removed with the temp directory.
    },
    openBackend: async (url) => openSqliteBackend(openSqliteDatabase(pathOf(url))),
    async openForOutage(namespace) {
      const db = openSqliteDatabase(join(dir, `outage-${++files}`, 'snapcopy.sqlite'));
      const store = createKeyvStore(openSqliteBackend(db), {
        logger: silentLogger,
        namespace,
        clock: Date.now,
      });
      return {
        store,
        cutOff: async () => {
          db.close();
        },
      };
    },
  };
}

function redisCase(baseUrl: string): StoreBackendCase {
  const newClient = () => createClient({ url: baseUrl });
  type Client = ReturnType<typeof newClient>;
  const withClient = async <T>(use: (client: Client) => Promise<T>) => {
    const client = newClient();
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  };
  const scan = async (client: Client, namespace: string) => {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${namespace}.*` })) keys.push(...batch);
    return keys;
  };
  return {
    name: 'redis',
    newUrl: () => baseUrl,
    unreachableUrl: async () => `redis://:${SECRET_PASSWORD}@127.0.0.1:${await closedPort()}`,
    rawKeys: (_url, namespace) => withClient((client) => scan(client, namespace)),
    removeAll: (_url, namespace) =>
      withClient(async (client) => {
        const keys = await scan(client, namespace);
        if (keys.length > 0) await client.del(keys);
      }),
    openBackend: (url) => openRedisBackend(url, silentLogger),
    openForOutage: (namespace) => openThroughProxy(baseUrl, 6379, namespace),
  };
}

function postgresCase(baseUrl: string): StoreBackendCase {
  const query = async (sql: string, values: unknown[]) => {
    const adapter = new KeyvPostgres({ uri: baseUrl, table: 'snapcopy_keyv' });
    try {
      return (await adapter.query(sql, values)) as Array<{ key: string }>;
    } finally {
      await adapter.disconnect();
    }
  };
  return {
    name: 'postgres',
    newUrl: () => baseUrl,
    async unreachableUrl() {
      const url = new URL(baseUrl);
      url.password = SECRET_PASSWORD;
      url.host = `127.0.0.1:${await closedPort()}`;
      return url.toString();
    },
    rawKeys: async (_url, namespace) =>
      (await query('SELECT key FROM snapcopy_keyv WHERE key LIKE $1', [`${namespace}.%`])).map(
        (row) => row.key,
      ),
    removeAll: async (_url, namespace) => {
      await query('DELETE FROM snapcopy_keyv WHERE key LIKE $1', [`${namespace}.%`]);
    },
    openBackend: (url) => openPostgresBackend(url, silentLogger),
    openForOutage: (namespace) => openThroughProxy(baseUrl, 5432, namespace),
  };
}

async function openThroughProxy(baseUrl: string, defaultPort: number, namespace: string) {
  const url = new URL(baseUrl);
  const proxy = await startTcpProxy(url.hostname, Number(url.port || defaultPort));
  url.host = `127.0.0.1:${proxy.port}`;
  const store = await createStore(url.toString(), { namespace, logger: silentLogger });
  return { store, cutOff: () => proxy.cutOff() };
}

/** A loopback port nobody listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
