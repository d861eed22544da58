/**
 * An HTTP request read into the flat shape both signature schemes and the actions work on:
 * decoded query and form parameters as plain strings, lowercase headers, the raw body.
 */
import type { IncomingMessage } from 'node:http';

/** The SDKs send empty bodies; anything this large is not a real API call. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface IncomingCall {
  method: string;
  pathname: string;
  headers: Record<string, string | undefined>;
  /** Decoded query parameters: what ACS3 signs. */
  query: Map<string, string>;
  /** Query and form-body parameters together: what RPC signs and the actions read. */
  params: Map<string, string>;
  /** Undefined when the body grew past MAX_BODY_BYTES (the rest is not read). */
  body: Buffer | undefined;
}

export async function readIncoming(request: IncomingMessage): Promise<IncomingCall> {
  // Split by hand: WHATWG URL parsing throws on request targets such as "//", URLSearchParams never does.
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const body = await readBody(request);
  const query = new Map(new URLSearchParams(search));
  // RPC-style requests may carry parameters in a form body too (reference §2.2 step 1).
  const form =
    body?.length && headers['content-type']?.startsWith('application/x-www-form-urlencoded')
      ? [...new URLSearchParams(body.toString('utf8'))]
      : [];
  return {
    method: request.method ?? '',
    pathname,
    headers,
    query,
    params: new Map([...form, ...query]),
    body,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
