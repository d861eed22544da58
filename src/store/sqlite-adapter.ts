import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { escapeLike, quoteIdentifier } from './sql-text.ts';

/**
 * A Keyv store adapter over better-sqlite3 (npm has none; @keyv/sqlite needs the sqlite3
 * package). Keyv serialises values and tracks TTLs itself, so the adapter only moves strings.
 * Rows use @keyv/sqlite's layout: `key VARCHAR(255) PRIMARY KEY, value TEXT`, key `<namespace>:<id>`.
 */
export class BetterSqliteKeyvAdapter extends EventEmitter {
  /** Keyv reads `opts.dialect` to decide whether an adapter is SQL-backed. */
  readonly opts: { dialect: 'sqlite'; table: string };
  /** Set by Keyv; only `clear()` needs it, because Keyv prefixes every other key itself. */
  namespace?: string;
  readonly #statements: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database, table: string) {
    super();
    this.opts = { dialect: 'sqlite', table };
    ensureKeyvTable(db, table);
    this.#statements = prepareStatements(db, table);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#statements.select.get(key)?.value;
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    return keys.map((key) => this.#statements.select.get(key)?.value);
  }

  async set(key: string, value: string): Promise<void> {
    this.#statements.upsert.run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.#statements.delete.run(key).changes > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    let deleted = false;
    for (const key of keys) deleted = (await this.delete(key)) || deleted;
    return deleted;
  }

  async has(key: string): Promise<boolean> {
    return this.#statements.select.get(key) !== undefined;
  }

  async clear(): Promise<void> {
    const pattern = this.namespace === undefined ? '%' : `${escapeLike(this.namespace)}:%`;
    this.#statements.deleteLike.run(pattern);
  }
}

export function ensureKeyvTable(db: Database.Database, table: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)} (key VARCHAR(255) PRIMARY KEY, value TEXT)`);
}

function prepareStatements(db: Database.Database, table: string) {
  const name = quoteIdentifier(table);
  return {
    select: db.prepare<[string], { value: string }>(`SELECT value FROM ${name} WHERE key = ?`),
    upsert: db.prepare<[string, string]>(
      `INSERT INTO ${name} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ),
    delete: db.prepare<[string]>(`DELETE FROM ${name} WHERE key = ?`),
    deleteLike: db.prepare<[string]>(`DELETE FROM ${name} WHERE key LIKE ? ESCAPE '\\'`),
  };
}
