/**
 * Bolt's SocketModeReceiver with the bot's probe server beside it. Bolt's own server for
 * `customRoutes` listens on every interface and never says which port it got, so with PORT=0
 * nobody could reach /healthz or /metrics; this one listens on the configured host and port and
 * reports the port. The Socket Mode connection itself is Bolt's, unchanged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildReceiverRoutes,
  type CustomRoute,
  SocketModeReceiver,
  type SocketModeReceiverOptions,
  type webApi,
} from '@slack/bolt';

export interface ProbeServerOptions {
  routes: CustomRoute[];
  port: number;
  host?: string;
}

export class ProbedSocketModeReceiver extends SocketModeReceiver {
  private readonly probes: Server;
  private readonly probeAddress: { port: number; host?: string };

  constructor(options: Omit<SocketModeReceiverOptions, 'customRoutes'> & ProbeServerOptions) {
    const { routes, port, host, ...boltOptions } = options;
    super(boltOptions);
    this.probeAddress = host === undefined ? { port } : { port, host };
    const byPath = buildReceiverRoutes(routes);
    this.probes = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const handler = byPath[path]?.[request.method ?? 'GET'];
      if (handler) return handler(request, response);
      response.writeHead(404);
      response.end();
    });
  }

  /** The probe server's port; set once `start()` resolved. */
  get probePort(): number {
    return (this.probes.address() as AddressInfo).port;
  }

  override async start(): Promise<webApi.AppsConnectionsOpenResponse> {
    await new Promise<void>((resolve, reject) => {
      this.probes.once('error', reject);
      this.probes.listen(this.probeAddress, () => {
        this.probes.off('error', reject);
        resolve();
      });
    });
    try {
      return await super.start();
    } catch (error) {
      // A refused app token fails the start: the bot's stop never runs for a part that did not start.
      this.probes.close();
      throw error;
    }
  }

  /** Bolt's stop does not wait for the connection's close handshake; a graceful shutdown does. */
  override async stop(): Promise<void> {
    await this.client.disconnect();
    if (!this.probes.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.probes.close((error) => (error ? reject(error) : resolve()));
      this.probes.closeAllConnections();
    });
  }
}
