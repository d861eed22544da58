import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Keyv } from 'keyv';
import {
  createSqlRecordOperations,
  type SqlConnection,
  type SqlRows,
  type SqlStatement,
} from './sql-backend.ts';
import { BetterSqliteKeyvAdapter, ensureKeyvTable } from './sqlite-adapter.ts';
import type { StoreBackend } from './store-backend.ts';
import { SQLITE_MEMORY_PATH } from './store-url.ts';

export const SQLITE_TABLE = 'snapcopy_keyv';
/** Long enough to wait out another process's write; short enough that a stuck lock surfaces. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating directories as needed) a SQLite file that two processes can share: WAL lets
 * readers and one writer proceed together, and the busy timeout makes a second writer wait for
 * the lock instead of failing at once. `synchronous = NORMAL` syncs the WAL at checkpoints, not at
 * every commit: a committed write survives the process being killed (the crash harness proves
 * it), while a power cut may roll back the last commits, which the ClientToken on every
 * CopySnapshot makes safe to redo. The per-commit fsync was most of the time a click waits for
 * its ack (0.16 ms against 0.02 ms per write here).
 */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== SQLITE_MEMORY_PATH) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    ensureKeyvTable(db, SQLITE_TABLE);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The store backend over an open database; closing the backend closes the database. */
export function openSqliteBackend(db: Database.Database): StoreBackend {
  return {
    openKeyv: (namespace) => new Keyv({ store: new BetterSqliteKeyvAdapter(db, SQLITE_TABLE), namespace }),
    ...createSqlRecordOperations(sqliteConnection(db), sqliteJson, SQLITE_TABLE),
    async close() {
      db.close();
    },
  };
}

const sqliteJson = {
  versionOf: (column: string) => `json_extract(${column}, '$.value.version')`,
  expiresOf: (column: string) => `json_extract(${column}, '$.expires')`,
};

function sqliteConnection(db: Database.Database): SqlConnection {
  const prepared = new Map<string, Database.Statement>();
  const run = (sql: string, params: Record<string, string | number>): SqlRows => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    if (statement.reader) return statement.all(params) as SqlRows;
    statement.run(params);
    return [];
  };
  // Synchronous from BEGIN to COMMIT, so no other statement of this process lands inside it.
  const inTransaction = db.transaction((plan: Generator<SqlStatement, unknown, SqlRows>) => {
    for (let step = plan.next(); ; ) {
      if (step.done) return step.value;
      step = plan.next(run(step.value.sql, step.value.params));
    }
  });
  return {
    async query(sql, params) {
      return run(sql, params);
    },
    async transaction<R>(plan: Generator<SqlStatement, R, SqlRows>): Promise<R> {
      // IMMEDIATE: take the write lock at BEGIN, waiting out another process's write (busy timeout).
      return inTransaction.immediate(plan) as R;
    },
  };
}
