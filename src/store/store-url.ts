/**
 * Which backend a store URL names. Store URLs may carry a database password, so nothing here
 * ever puts the raw URL into an error: callers log and report `maskStoreUrl(url)`.
 */
export type StoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'redis'; url: string }
  | { kind: 'postgres'; url: string };

export const SQLITE_MEMORY_PATH = ':memory:';

const SUPPORTED = 'sqlite:<path>, sqlite::memory:, redis://… or postgres://…';

export function parseStoreUrl(url: string): StoreLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite':
      return { kind: 'sqlite', path: sqlitePath(url.slice('sqlite:'.length)) };
    case 'redis':
    case 'rediss':
      return { kind: 'redis', url };
    case 'postgres':
    case 'postgresql':
      return { kind: 'postgres', url };
    case undefined:
      throw new Error(`store URL has no scheme; use ${SUPPORTED}`);
    default:
      throw new Error(`unsupported store URL scheme "${scheme}:"; use ${SUPPORTED}`);
  }
}

/** Accepts `sqlite:relative/or/absolute/path`, `sqlite:///absolute/path` and `sqlite::memory:`. */
function sqlitePath(rest: string): string {
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new Error('sqlite store URL has no file path; use sqlite:<path> or sqlite::memory:');
  return path;
}

/** The URL with any password replaced, safe for logs and error messages. */
export function maskStoreUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a WHATWG URL (e.g. a sqlite path): still hide anything shaped like user:password@.
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/**
 * The password in a network store URL, as written and decoded, so both forms can be masked
 * wherever a driver might repeat them.
 */
export function storeUrlSecrets(url: string): string[] {
  try {
    const password = new URL(url).password;
    return password === '' ? [] : [...new Set([password, decodeURIComponent(password)])];
  } catch {
    return [];
  }
}
