/** Reads a bot's SQLite store from outside the bot (read-only, beside a running bot thanks to WAL). */
import Database from 'better-sqlite3';
import { SQLITE_TABLE } from '../../src/store/sqlite-backend.ts';
import { REQUESTS_COLLECTION } from '../../src/workflow/runtime.ts';

export function rowsOf(path: string, namespace: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare(`SELECT count(*) AS n FROM ${SQLITE_TABLE} WHERE key LIKE ?`)
      .get(`${namespace}:%`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Requests not yet finished: a finished request leaves this collection for the archive. */
export const openRequestRows = (path: string) => rowsOf(path, `snapcopy.${REQUESTS_COLLECTION}`);

/** Waits until at most `count` requests are open, e.g. until the copies a burst approved have finished. */
export async function waitForOpenRequests(path: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (openRequestRows(path) > count) {
    if (Date.now() > deadline)
      throw new Error(`more than ${count} requests still open after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
