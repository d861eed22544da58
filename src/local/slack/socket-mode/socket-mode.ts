/**
 * Socket Mode for the stand-in, put together: apps.connections.open for the app token, the link
 * that WebSocket upgrades reach, and the delivery the driver sends through. Tests steer Slack's
 * side of the connections with `SocketModeControl`.
 */
import type { Logger } from '../../../observability/logger.ts';
import type { AppDelivery } from '../app-delivery.ts';
import type { MethodTable } from '../web-api/web-api-method.ts';
import type { DisconnectReason } from './app-socket.ts';
import { ConnectionTickets } from './connection-tickets.ts';
import { appLevelMethods } from './connections-open.ts';
import { EnvelopeDispatch, type EnvelopeSend } from './envelope-dispatch.ts';
import { createSocketLink, type SocketLink } from './socket-link.ts';
import { socketModeDelivery } from './socket-mode-delivery.ts';

export interface SocketModeControl {
  /** Open connections, including those asked to disconnect that have not closed yet. */
  connectionCount(): number;
  /** Slack's `disconnect` message on every open connection; Bolt reconnects. */
  askToReconnect(reason?: Exclude<DisconnectReason, 'too_many_websockets'>): void;
  /** Every connection breaks without a word (what an app does not ack is sent again elsewhere). */
  dropConnections(): void;
  /** Every envelope sent so far, with the connection it went to. */
  envelopes(): EnvelopeSend[];
}

export interface SocketMode {
  delivery: AppDelivery;
  appLevel: { token: string; methods: MethodTable };
  upgrade: SocketLink['upgrade'];
  control: SocketModeControl;
  close(): void;
}

export interface SocketModeOptions {
  appToken: string;
  appId: string;
  ackTimeoutMs: number;
  /** The stand-in's `http://host:port`, known once its server listens. */
  baseUrl: () => string;
  logger: Logger;
}

export function createSocketMode(options: SocketModeOptions): SocketMode {
  const tickets = new ConnectionTickets();
  const dispatch = new EnvelopeDispatch(options.ackTimeoutMs);
  const link = createSocketLink({ tickets, dispatch, appId: options.appId, logger: options.logger });
  return {
    delivery: socketModeDelivery(dispatch),
    appLevel: { token: options.appToken, methods: appLevelMethods(tickets, options.baseUrl) },
    upgrade: (request, socket, head) => link.upgrade(request, socket, head),
    control: {
      connectionCount: () => dispatch.connectionCount(),
      askToReconnect: (reason = 'refresh_requested') =>
        dispatch.forEachConnection((socket) => socket.askToDisconnect(reason)),
      dropConnections: () => dispatch.forEachConnection((socket) => socket.drop()),
      envelopes: () => dispatch.sent(),
    },
    close() {
      dispatch.close();
      link.close();
    },
  };
}
