/**
 * Times each request to the app's events URL, twice, through Node's diagnostics channels (nothing
 * is wrapped or replaced): as Slack sees it, from the moment the driver's HTTP client sends the
 * request until the response headers arrive; and as the app sees it, from the moment its server has
 * parsed the request until the response (the ack) is written.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

interface ClientRequest {
  origin: string;
  path: string;
}

export interface AckTimes {
  /** Send → response headers, ms, in arrival order. */
  client: number[];
  /** Request parsed → response written, ms. */
  server: number[];
  /** Requests that failed without a response. */
  failures: number;
}

export interface AckTimer {
  /** What was measured since the last take(). */
  take(): AckTimes;
  close(): void;
}

export function timeAcks(eventsUrl: () => string): AckTimer {
  const sentAt = new Map<ClientRequest, number>();
  const parsedAt = new Map<IncomingMessage, number>();
  let times: AckTimes = { client: [], server: [], failures: 0 };
  const isClientTarget = (request: ClientRequest) => `${request.origin}${request.path}` === eventsUrl();
  let parsed: { href: string; port: number; path: string } | undefined;
  const isServerTarget = (request: IncomingMessage) => {
    const href = eventsUrl();
    if (!URL.canParse(href)) return false;
    if (parsed?.href !== href) {
      const url = new URL(href);
      parsed = { href, port: Number(url.port), path: url.pathname };
    }
    return request.socket.localPort === parsed.port && request.url === parsed.path;
  };

  const handlers: Record<string, (message: unknown) => void> = {
    'undici:request:create': (message) => {
      const { request } = message as { request: ClientRequest };
      if (isClientTarget(request)) sentAt.set(request, performance.now());
    },
    'undici:request:headers': (message) => {
      const { request } = message as { request: ClientRequest };
      const started = sentAt.get(request);
      if (started === undefined) return;
      sentAt.delete(request);
      times.client.push(performance.now() - started);
    },
    'undici:request:error': (message) => {
      const { request } = message as { request: ClientRequest };
      if (sentAt.delete(request)) times.failures++;
    },
    'http.server.request.start': (message) => {
      const { request } = message as { request: IncomingMessage };
      if (isServerTarget(request)) parsedAt.set(request, performance.now());
    },
    'http.server.response.finish': (message) => {
      const { request } = message as { request: IncomingMessage };
      const started = parsedAt.get(request);
      if (started === undefined) return;
      parsedAt.delete(request);
      times.server.push(performance.now() - started);
    },
  };
  for (const [channel, handler] of Object.entries(handlers)) subscribe(channel, handler);
  return {
    take() {
      const taken = times;
      times = { client: [], server: [], failures: 0 };
      return taken;
    },
    close() {
      for (const [channel, handler] of Object.entries(handlers)) unsubscribe(channel, handler);
    },
  };
}
