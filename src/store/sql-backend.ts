import { escapeLike, keyvRowKey, quoteIdentifier } from './sql-text.ts';
import type { KeyvRow, StoreBackend } from './store-backend.ts';

/** One SQL connection (or pool) that runs a statement written with `@name` parameters. */
export interface SqlConnection {
  query(sql: string, params: Record<string, string | number>): Promise<Array<Record<string, unknown>>>;
}

/** How a dialect reads a field of the JSON that Keyv stored in a `value` column. */
export interface SqlJsonDialect {
  /** The record's version: `value.version` inside Keyv's `{ value, expires }`. */
  versionOf(column: string): string;
  /** Keyv's absolute expiry in epoch ms, NULL when the row never expires. */
  expiresOf(column: string): string;
}

export type SqlRecordOperations = Pick<StoreBackend, 'insertIfAbsent' | 'replaceIfVersion' | 'liveIds'>;

/**
 * Compare-and-set on the table Keyv uses, as single statements, so the database's own row
 * locking decides between two writers. A row whose Keyv expiry has passed counts as absent,
 * exactly as Keyv's `get` treats it.
 */
export function createSqlRecordOperations(
  connection: SqlConnection,
  dialect: SqlJsonDialect,
  table: string,
): SqlRecordOperations {
  const name = quoteIdentifier(table);
  const expires = dialect.expiresOf('value');
  const live = `(${expires} IS NULL OR ${expires} >= @now)`;
  const inNamespace = `key LIKE @pattern ESCAPE '\\'`;
  const statements = {
    insertIfAbsent: `INSERT INTO ${name} (key, value) VALUES (@key, @value)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value
      WHERE ${dialect.expiresOf(`${name}.value`)} < @now
      RETURNING key`,
    replaceIfVersion: `UPDATE ${name} SET value = @value
      WHERE key = @key AND ${dialect.versionOf('value')} = @version AND ${live}
      RETURNING key`,
    purgeExpired: `DELETE FROM ${name} WHERE ${inNamespace} AND ${expires} < @now`,
    liveKeys: `SELECT key FROM ${name} WHERE ${inNamespace} AND ${live} ORDER BY key`,
  };
  const written = (rows: unknown[]) => rows.length === 1;

  return {
    async insertIfAbsent(namespace, id, row: KeyvRow, now) {
      const key = keyvRowKey(namespace, id);
      return written(await connection.query(statements.insertIfAbsent, { key, value: row.text, now }));
    },

    async replaceIfVersion(namespace, id, expectedVersion, row: KeyvRow, now) {
      const params = { key: keyvRowKey(namespace, id), value: row.text, version: expectedVersion, now };
      return written(await connection.query(statements.replaceIfVersion, params));
    },

    async liveIds(namespace, prefix, now) {
      const pattern = `${escapeLike(keyvRowKey(namespace, prefix))}%`;
      // Lazy Keyv expiry leaves rows behind until they are read; listing is a good moment to purge.
      await connection.query(statements.purgeExpired, { pattern, now });
      const rows = await connection.query(statements.liveKeys, { pattern, now });
      const start = keyvRowKey(namespace, '').length;
      return rows.map((row) => String(row.key).slice(start));
    },
  };
}
