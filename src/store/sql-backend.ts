import { escapeLike, keyvRowKey, quoteIdentifier } from './sql-text.ts';
import { batchOutcomes, type RecordWrite, type StoreBackend } from './store-backend.ts';

export type SqlRows = Array<Record<string, unknown>>;

/** A statement written with `@name` parameters. */
export interface SqlStatement {
  sql: string;
  params: Record<string, string | number>;
}

/** One SQL connection (or pool) that runs statements, alone or together in one transaction. */
export interface SqlConnection {
  query(sql: string, params: Record<string, string | number>): Promise<SqlRows>;
  /**
   * Runs every statement `plan` yields, in one transaction, handing each one's rows back to the
   * plan; commits when the plan returns, rolls back (and rejects) when a statement fails.
   */
  transaction<R>(plan: Generator<SqlStatement, R, SqlRows>): Promise<R>;
}

/** How a dialect reads a field of the JSON that Keyv stored in a `value` column. */
export interface SqlJsonDialect {
  /** The record's version: `value.version` inside Keyv's `{ value, expires }`. */
  versionOf(column: string): string;
  /** Keyv's absolute expiry in epoch ms, NULL when the row never expires. */
  expiresOf(column: string): string;
}

export type SqlRecordOperations = Pick<StoreBackend, 'writeBatch' | 'liveIds'>;

/**
 * Compare-and-set on the table Keyv uses, one statement per write, so the database's own row
 * locking decides between two writers; a batch is one transaction. A row whose Keyv expiry has
 * passed counts as absent, exactly as Keyv's `get` treats it.
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

  const statementFor = (write: RecordWrite, now: number): SqlStatement => {
    const key = keyvRowKey(write.namespace, write.id);
    return write.expectedVersion === undefined
      ? { sql: statements.insertIfAbsent, params: { key, value: write.row.text, now } }
      : {
          sql: statements.replaceIfVersion,
          params: { key, value: write.row.text, version: write.expectedVersion, now },
        };
  };

  function* batchStatements(
    writes: readonly RecordWrite[],
    now: number,
  ): Generator<SqlStatement, boolean[], SqlRows> {
    const outcomes = batchOutcomes(writes);
    for (let step = outcomes.next(); ; ) {
      if (step.done) return step.value;
      const rows = yield statementFor(step.value, now);
      step = outcomes.next(rows.length === 1);
    }
  }

  return {
    writeBatch: (writes, now) => connection.transaction(batchStatements(writes, now)),

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
