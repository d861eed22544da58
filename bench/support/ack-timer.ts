/**
 * Times each request to the app's events URL as Slack sees it: from the moment the driver's HTTP
 * client sends the request until the response headers (the ack) arrive. Through Node's
 * diagnostics channels, so nothing is wrapped or replaced.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

interface ClientRequest {
  origin: string;
  path: string;
}

export interface AckTimes {
  /** Send → response headers, ms, in arrival order. */
  latencies: number[];
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
  let times: AckTimes = { latencies: [], failures: 0 };
  const isTarget = (request: ClientRequest) => `${request.origin}${request.path}` === eventsUrl();

  const handlers: Record<string, (message: unknown) => void> = {
    'undici:request:create': (message) => {
      const { request } = message as { request: ClientRequest };
      if (isTarget(request)) sentAt.set(request, performance.now());
    },
    'undici:request:headers': (message) => {
      const { request } = message as { request: ClientRequest };
      const started = sentAt.get(request);
      if (started === undefined) return;
      sentAt.delete(request);
      times.latencies.push(performance.now() - started);
    },
    'undici:request:error': (message) => {
      const { request } = message as { request: ClientRequest };
      if (sentAt.delete(request)) times.failures++;
    },
  };
  for (const [channel, handler] of Object.entries(handlers)) subscribe(channel, handler);
  return {
    take() {
      const taken = times;
      times = { latencies: [], failures: 0 };
      return taken;
    },
    close() {
      for (const [channel, handler] of Object.entries(handlers)) unsubscribe(channel, handler);
    },
  };
}
