import { createRequire } from 'node:module';
import { KeyvPostgres } from '@keyv/postgres';
import { Keyv } from 'keyv';
import type { Logger } from '../observability/logger.ts';
import {
  createSqlRecordOperations,
  type SqlConnection,
  type SqlRows,
  type SqlStatement,
} from './sql-backend.ts';
import type { StoreBackend } from './store-backend.ts';

export const POSTGRES_TABLE = 'snapcopy_keyv';
const CONNECT_TIMEOUT_MS = 5_000;

interface PgQueryable {
  query(sql: string, values: unknown[]): Promise<{ rows: SqlRows }>;
}

/** The part of pg's Pool this backend uses (pg ships no types of its own). */
interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
/** A connection checked out of the pool; `release(error)` discards a broken one. */
interface PgClient extends PgQueryable {
  release(error?: Error | boolean): void;
}

type PgPoolConstructor = new (config: {
  connectionString: string;
  connectionTimeoutMillis: number;
}) => PgPool;

/**
 * @keyv/postgres 2.2.3 keeps one pool per process and its `disconnect()` ends it under every
 * other adapter; it also leaves the pool without an `error` listener, so a dropped idle
 * connection would crash the process. Each store therefore owns its pool and hands it to the
 * adapter, which keeps doing the SQL Keyv needs.
 */
class PooledKeyvPostgres extends KeyvPostgres {
  override async connect() {
    const { pool } = this.opts as { pool: PgPool };
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values ?? [])).rows;
  }

  /** The store closes the pool once, after every collection is done with it. */
  override async disconnect() {}
}

export async function openPostgresBackend(url: string, logger: Logger): Promise<StoreBackend> {
  const pool = new (loadPgPool())({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', (error) => logger.warn('postgres connection lost', { error }));
  try {
    await createKeyvTable(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    openKeyv: (namespace) =>
      new Keyv({ store: new PooledKeyvPostgres({ pool, table: POSTGRES_TABLE }), namespace }),
    ...createSqlRecordOperations(postgresConnection(pool), postgresJson, POSTGRES_TABLE),
    close: () => pool.end(),
  };
}

/** pg as @keyv/postgres itself resolves it, so both always agree on the driver version. */
function loadPgPool(): PgPoolConstructor {
  const adapterEntry = createRequire(import.meta.url).resolve('@keyv/postgres');
  return (createRequire(adapterEntry)('pg') as { Pool: PgPoolConstructor }).Pool;
}

/** The adapter creates the same table, but asynchronously; CAS statements must not race it. */
async function createKeyvTable(pool: PgPool): Promise<void> {
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${POSTGRES_TABLE} (key VARCHAR(255) PRIMARY KEY, value TEXT)`,
      [],
    );
  } catch (error) {
    // Two stores creating the table at once: the loser sees a unique violation on pg_type.
    if ((error as { code?: unknown }).code !== '23505') throw error;
  }
}

const postgresJson = {
  versionOf: (column: string) => `((${column})::jsonb #>> '{value,version}')::numeric`,
  expiresOf: (column: string) => `((${column})::jsonb ->> 'expires')::numeric`,
};

/** pg takes `$1`-style parameters; the shared statements use `@name`. */
function postgresConnection(pool: PgPool): SqlConnection {
  const compiled = new Map<string, { text: string; names: string[] }>();
  const run = async (on: PgQueryable, { sql, params }: SqlStatement): Promise<SqlRows> => {
    let statement = compiled.get(sql);
    if (!statement) {
      const names: string[] = [];
      const text = sql.replace(/@(\w+)/g, (_match, name: string) => {
        if (!names.includes(name)) names.push(name);
        return `$${names.indexOf(name) + 1}`;
      });
      statement = { text, names };
      compiled.set(sql, statement);
    }
    const { rows } = await on.query(
      statement.text,
      statement.names.map((name) => params[name]),
    );
    return rows;
  };
  return {
    query: (sql, params) => run(pool, { sql, params }),
    async transaction<R>(plan: Generator<SqlStatement, R, SqlRows>): Promise<R> {
      const client = await pool.connect();
      let step: IteratorResult<SqlStatement, R>;
      try {
        await client.query('BEGIN', []);
        for (step = plan.next(); !step.done; ) step = plan.next(await run(client, step.value));
        await client.query('COMMIT', []);
      } catch (error) {
        // A failed ROLLBACK means the connection itself is gone: discard it instead of reusing it.
        await client.query('ROLLBACK', []).then(
          () => client.release(),
          (rollbackError: unknown) => client.release(rollbackError instanceof Error ? rollbackError : true),
        );
        throw error;
      }
      client.release();
      return step.value;
    },
  };
}
