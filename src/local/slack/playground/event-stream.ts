/**
 * Server-sent events for the page (`/playground/events`): every connected browser gets each event.
 * A comment line every few seconds keeps proxies and the browser from closing an idle stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const HEARTBEAT_MS = 15_000;

export interface EventStream {
  attach(request: IncomingMessage, response: ServerResponse): void;
  send(event: string, data: unknown): void;
  /** Number of browsers listening, so pollers can rest when nobody watches. */
  readonly listeners: number;
  close(): void;
}

export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    attach(request, response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      response.write('retry: 1000\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
    },
    send(event, data) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const client of clients) client.write(frame);
    },
    get listeners() {
      return clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
