/**
 * The stand-in's HTTP face on 127.0.0.1: the Web API under `/api/`, response URLs under
 * `/response/`, routes others mount (the playground) under their own prefix, and WebSocket
 * upgrades (Socket Mode) for whoever takes them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../observability/logger.ts';
import type { ResponseUrls } from './response-urls.ts';
import type { WebApi } from './web-api/web-api.ts';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Takes a WebSocket upgrade, or returns false to leave it unanswered by it. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/** Slack refuses bigger requests; so does the stand-in (and it keeps a runaway test from eating memory). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields or a JSON object, by content type; query parameters count too, as in Slack. */
function argsOf(request: IncomingMessage, url: URL, body: string): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body === '') return args;
  if (request.headers['content-type']?.includes('application/json')) {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? { ...args, ...parsed } : args;
  }
  return { ...args, ...Object.fromEntries(new URLSearchParams(body)) };
}

/** Undefined for a body that is not JSON: the response URL refuses it like any other bad payload. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, headers);
  response.end(body);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  send(response, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });
}

export interface StandInServer {
  url: string;
  mount(prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export interface StandInServerDeps {
  webApi: WebApi;
  responseUrls: ResponseUrls;
  logger: Logger;
  upgrade?: UpgradeHandler;
}

export async function startServer(
  deps: StandInServerDeps,
  port: number,
  host: string,
): Promise<StandInServer> {
  const mounts: Array<{ prefix: string; handler: RouteHandler }> = [];

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const mounted = mounts.find(
      ({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`),
    );
    if (mounted) return mounted.handler(request, response);
    const apiMethod = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (apiMethod !== undefined) {
      const answer = deps.webApi.call(
        apiMethod,
        argsOf(request, url, await readBody(request)),
        request.headers.authorization,
      );
      return sendJson(response, answer.status, answer.body, answer.headers);
    }
    const responseId = /^\/response\/(\w+)$/.exec(url.pathname)?.[1];
    if (responseId !== undefined && request.method === 'POST') {
      const answer = deps.responseUrls.receive(responseId, parseJson(await readBody(request)));
      return send(response, answer.status, answer.body, { 'content-type': 'text/plain' });
    }
    send(response, 404, 'not found');
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.end();
      if (error instanceof BodyTooLarge) return send(response, 413, 'request too large');
      if (error instanceof SyntaxError) return sendJson(response, 200, { ok: false, error: 'invalid_json' });
      deps.logger.error('request failed', { path: request.url, error });
      send(response, 500, 'internal error');
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!deps.upgrade?.(request, socket, head))
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${boundPort}`,
    mount(prefix, handler) {
      mounts.push({ prefix: prefix.replace(/\/$/, ''), handler });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
