/**
 * The page and its assets, read from ./static. Only files that exist in that folder are served, by
 * name, so no request path can reach anything else on disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The page talks only to this origin: no script, style or image from anywhere else, and no
 * inline script a message could smuggle in.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export interface StaticFiles {
  /** Answers when `name` is one of the assets; false otherwise. */
  serve(name: string, response: ServerResponse): Promise<boolean>;
}

export async function loadStaticFiles(): Promise<StaticFiles> {
  const names = new Set((await readdir(STATIC_DIR)).filter((name) => CONTENT_TYPES[extname(name)]));
  return {
    async serve(name, response) {
      if (!names.has(name)) return false;
      const body = await readFile(join(STATIC_DIR, name));
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        // The demo is for editing the page while it runs: always serve the file as it is now.
        'cache-control': 'no-cache',
      });
      response.end(body);
      return true;
    },
  };
}
