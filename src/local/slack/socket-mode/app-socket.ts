/** One Socket Mode connection of the app, as Slack's end of it sees it. */
import { WebSocket } from 'ws';
import type { JsonObject } from '../json-values.ts';

export type DisconnectReason = 'refresh_requested' | 'warning' | 'too_many_websockets';

/** Slack pings its end of every connection; Bolt's client reconnects when pings stop for 30 s. */
const PING_INTERVAL_MS = 10_000;

export const DEBUG_INFO = { host: 'applink-stand-in' };

export class AppSocket {
  private leaving = false;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
  ) {
    const pinger = setInterval(() => ws.ping(), PING_INTERVAL_MS);
    pinger.unref();
    ws.once('close', () => clearInterval(pinger));
  }

  /** Open and not asked to go: Bolt closes on any `disconnect`, so nothing new is sent there. */
  get takesEnvelopes(): boolean {
    return !this.leaving && this.ws.readyState === WebSocket.OPEN;
  }

  send(message: JsonObject): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Slack's `disconnect` message: the app is expected to open a new connection and close this one. */
  askToDisconnect(reason: DisconnectReason): void {
    this.leaving = true;
    this.send({ type: 'disconnect', reason, debug_info: DEBUG_INFO });
  }

  /** The connection breaks without a word, as a network cut or a restarted Slack host would. */
  drop(): void {
    this.ws.terminate();
  }
}
