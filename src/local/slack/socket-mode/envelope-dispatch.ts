/**
 * Slack's side of Socket Mode delivery: each envelope goes to one of the app's open connections
 * (in turn, so replicas share the work), waits for the ack with the same `envelope_id`, and goes
 * out again on another connection with `retry_attempt` one higher when its connection closes
 * first. Slack's three seconds run from the first send; with no connection at all the envelope
 * waits for one until then.
 */
import { randomUUID } from 'node:crypto';
import type { AppReply } from '../app-delivery.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import type { AppSocket } from './app-socket.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** One send of an envelope, for tests to see which connection got what. */
export interface EnvelopeSend {
  envelopeId: string;
  type: EnvelopeType;
  connectionId: number;
  retryAttempt: number;
}

interface PendingEnvelope {
  envelopeId: string;
  type: EnvelopeType;
  payload: JsonObject;
  acceptsResponsePayload: boolean;
  retryAttempt: number;
  on: AppSocket | undefined;
  sent: boolean;
  settle(reply: AppReply): void;
}

/** Why an envelope is sent again: its connection went away before the ack. */
const RETRY_REASON = 'timeout';

export class EnvelopeDispatch {
  private readonly sockets: AppSocket[] = [];
  private readonly pending = new Map<string, PendingEnvelope>();
  private readonly sends: EnvelopeSend[] = [];
  private turn = 0;

  constructor(private readonly ackTimeoutMs: number) {}

  /** Open connections, including those asked to disconnect that have not closed yet. */
  connectionCount(): number {
    return this.sockets.length;
  }

  forEachConnection(visit: (socket: AppSocket) => void): void {
    for (const socket of [...this.sockets]) visit(socket);
  }

  sent(): EnvelopeSend[] {
    return [...this.sends];
  }

  deliver(type: EnvelopeType, payload: JsonObject, acceptsResponsePayload: boolean): Promise<AppReply> {
    return new Promise((resolve) => {
      const envelopeId = randomUUID();
      const timer = setTimeout(() => {
        envelope.settle({
          status: 0,
          body: undefined,
          failure: envelope.sent ? 'operation_timeout' : 'unreachable',
        });
      }, this.ackTimeoutMs);
      const envelope: PendingEnvelope = {
        envelopeId,
        type,
        payload,
        acceptsResponsePayload,
        retryAttempt: 0,
        on: undefined,
        sent: false,
        settle: (reply) => {
          clearTimeout(timer);
          this.pending.delete(envelopeId);
          resolve(reply);
        },
      };
      this.pending.set(envelopeId, envelope);
      this.send(envelope);
    });
  }

  /** A connection said hello: it takes envelopes, first those waiting for any connection. */
  attach(socket: AppSocket): void {
    this.sockets.push(socket);
    for (const envelope of this.pending.values()) if (!envelope.on) this.send(envelope);
  }

  /** A connection closed: what it had not acked goes to another. */
  detach(socket: AppSocket): void {
    const index = this.sockets.indexOf(socket);
    if (index < 0) return;
    this.sockets.splice(index, 1);
    for (const envelope of this.pending.values()) {
      if (envelope.on !== socket) continue;
      envelope.on = undefined;
      envelope.retryAttempt += 1;
      this.send(envelope);
    }
  }

  /** An ack `{ envelope_id, payload? }`; its payload is what the HTTP response body would be. */
  acknowledge(envelopeId: string, payload: unknown): void {
    const empty = payload === undefined || (isJsonObject(payload) && Object.keys(payload).length === 0);
    this.pending.get(envelopeId)?.settle({ status: 200, body: empty ? undefined : payload });
  }

  /** The stand-in stops: nobody will answer what is still waiting. */
  close(): void {
    for (const envelope of [...this.pending.values()]) {
      envelope.settle({ status: 0, body: undefined, failure: 'unreachable' });
    }
  }

  private send(envelope: PendingEnvelope): void {
    const ready = this.sockets.filter((socket) => socket.takesEnvelopes);
    const socket = ready[this.turn++ % Math.max(ready.length, 1)];
    if (!socket) return;
    envelope.on = socket;
    envelope.sent = true;
    this.sends.push({
      envelopeId: envelope.envelopeId,
      type: envelope.type,
      connectionId: socket.id,
      retryAttempt: envelope.retryAttempt,
    });
    socket.send({
      envelope_id: envelope.envelopeId,
      type: envelope.type,
      payload: envelope.payload,
      accepts_response_payload: envelope.acceptsResponsePayload,
      retry_attempt: envelope.retryAttempt,
      retry_reason: envelope.retryAttempt === 0 ? '' : RETRY_REASON,
    });
  }
}
