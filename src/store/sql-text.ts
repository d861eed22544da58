/** Text helpers shared by the SQLite and PostgreSQL backends. */

export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Escapes LIKE wildcards so ids and namespaces match literally (with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The row key Keyv writes for an id: `<namespace>:<id>`. */
export function keyvRowKey(namespace: string, id: string): string {
  return `${namespace}:${id}`;
}
