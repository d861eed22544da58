/**
 * The WebSocket end of Socket Mode on the stand-in's HTTP server: `GET /link/?ticket=…` upgrades
 * when the ticket is good (each once), says hello, hands acks to the dispatch, and holds an app to
 * Slack's ten connections.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../../observability/logger.ts';
import { isJsonObject } from '../json-values.ts';
import { AppSocket, DEBUG_INFO } from './app-socket.ts';
import type { ConnectionTickets } from './connection-tickets.ts';
import { LINK_PATH } from './connections-open.ts';
import type { EnvelopeDispatch } from './envelope-dispatch.ts';

/** Slack's limit of concurrent Socket Mode connections per app. */
export const MAX_CONNECTIONS_PER_APP = 10;

/** Slack's hello says when it will ask for a refresh (about five hours); the stand-in never does by itself. */
const APPROXIMATE_CONNECTION_SECONDS = 18_060;

export interface SocketLinkDeps {
  tickets: ConnectionTickets;
  dispatch: EnvelopeDispatch;
  appId: string;
  logger: Logger;
}

export interface SocketLink {
  /** Takes the upgrade when it is for the link path; false leaves it to the caller. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

export function createSocketLink(deps: SocketLinkDeps): SocketLink {
  const server = new WebSocketServer({ noServer: true });
  let lastId = 0;

  const accept = (ws: WebSocket) => {
    const socket = new AppSocket(++lastId, ws);
    ws.on('message', (data, isBinary) => {
      // ws hands text frames over as one Buffer (its default binaryType).
      if (isBinary || !Buffer.isBuffer(data)) return;
      const ack = parseAck(data.toString('utf8'));
      if (ack) deps.dispatch.acknowledge(ack.envelopeId, ack.payload);
    });
    ws.on('close', () => deps.dispatch.detach(socket));
    ws.on('error', (error) => deps.logger.warn('socket mode connection failed', { error }));
    if (deps.dispatch.connectionCount() >= MAX_CONNECTIONS_PER_APP) {
      socket.askToDisconnect('too_many_websockets');
      ws.close();
      return;
    }
    socket.send({
      type: 'hello',
      num_connections: deps.dispatch.connectionCount() + 1,
      debug_info: {
        ...DEBUG_INFO,
        build_number: 1,
        approximate_connection_time: APPROXIMATE_CONNECTION_SECONDS,
      },
      connection_info: { app_id: deps.appId },
    });
    deps.dispatch.attach(socket);
  };

  return {
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      if (url.pathname !== LINK_PATH) return false;
      if (!deps.tickets.redeem(url.searchParams.get('ticket'))) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return true;
      }
      server.handleUpgrade(request, socket, head, accept);
      return true;
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

function parseAck(text: string): { envelopeId: string; payload: unknown } | undefined {
  try {
    const message: unknown = JSON.parse(text);
    if (!isJsonObject(message) || typeof message.envelope_id !== 'string') return undefined;
    return { envelopeId: message.envelope_id, payload: message.payload };
  } catch {
    // Slack ignores what it cannot read; the envelope then times out as unacknowledged.
    return undefined;
  }
}
