/** A bare `ws` client on the stand-in's Socket Mode link, reading Slack's messages as they come. */
import { WebSocket } from 'ws';
import { LOCAL_APP_TOKEN, type SlackStandIn } from '../../../src/local/slack/index.ts';
import { webClient } from './harness.ts';

export type SocketMessage = Record<string, unknown> & { type?: string; envelope_id?: string };

export class RawSocket {
  private readonly received: SocketMessage[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse((data as Buffer).toString('utf8')) as SocketMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
  }

  /** Opens the socket at `url`; rejects when the upgrade is refused. */
  static open(url: string): Promise<RawSocket> {
    const ws = new WebSocket(url);
    const socket = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** The first message (not yet taken) that matches, waiting up to `timeoutMs`. */
  async next(
    matches: (message: SocketMessage) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<SocketMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(matches);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching Socket Mode message arrived');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages still unread, for tests that expect nothing more. */
  unread(): SocketMessage[] {
    return [...this.received];
  }

  ack(envelopeId: unknown, payload?: Record<string, unknown>): void {
    this.ws.send(
      JSON.stringify(
        payload === undefined ? { envelope_id: envelopeId } : { envelope_id: envelopeId, payload },
      ),
    );
  }
}

/** apps.connections.open with the app token, as Bolt's SocketModeClient calls it. */
export async function connectionUrl(standIn: SlackStandIn): Promise<string> {
  const answer = await webClient(standIn, {}, LOCAL_APP_TOKEN).apps.connections.open();
  if (!answer.url) throw new Error('apps.connections.open answered no url');
  return answer.url;
}

/** A connection that has said hello. */
export async function connect(standIn: SlackStandIn): Promise<RawSocket> {
  const socket = await RawSocket.open(await connectionUrl(standIn));
  await socket.next((message) => message.type === 'hello');
  return socket;
}
