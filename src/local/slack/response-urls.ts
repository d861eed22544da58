/**
 * response_url as Slack serves it: an app POSTs `{ text, blocks, response_type, replace_original,
 * delete_original, thread_ts }` to reply ephemerally, in the channel, or to change the message the
 * interaction came from. A command's immediate reply (its ack body) follows the same rules.
 */
import { randomBytes } from 'node:crypto';
import { withGeneratedIds } from './block-elements.ts';
import { isJsonObject, type JsonObject, objectsIn } from './json-values.ts';
import type { SlackState } from './slack-state.ts';

export interface ResponseTarget {
  userId: string;
  channelId: string;
  /** The message the interaction came from; replace_original/delete_original act on it. */
  original?: { ts: string; ephemeral: boolean };
  /** For commands: later replies replace the latest reply rather than a fixed message. */
  followsLatest: boolean;
}

/** Slack's documented limits: five uses within thirty minutes. */
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

interface IssuedUrl {
  target: ResponseTarget;
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlAnswer {
  status: number;
  body: string;
}

export class ResponseUrls {
  private readonly issued = new Map<string, IssuedUrl>();

  constructor(
    private readonly state: SlackState,
    private readonly baseUrl: () => string,
  ) {}

  issue(target: ResponseTarget): string {
    const id = randomBytes(12).toString('hex');
    this.issued.set(id, { target, issuedAt: this.state.clock(), uses: 0 });
    return `${this.baseUrl()}/response/${id}`;
  }

  /** Handles `POST /response/<id>`: 404 once the URL is unknown, expired or used up. */
  receive(id: string, body: unknown): ResponseUrlAnswer {
    const issued = this.issued.get(id);
    if (!issued) return { status: 404, body: 'no_such_url' };
    if (this.state.clock() - issued.issuedAt > LIFETIME_MS) return { status: 404, body: 'expired_url' };
    if (issued.uses >= MAX_USES) return { status: 404, body: 'used_url' };
    if (!isJsonObject(body)) return { status: 400, body: 'invalid_payload' };
    issued.uses += 1;
    this.apply(issued.target, body);
    return { status: 200, body: 'ok' };
  }

  /** Shows `reply` to the target's user (or channel) the way Slack would. */
  apply(target: ResponseTarget, reply: JsonObject): void {
    const { messages } = this.state;
    const original = target.original;
    if (reply.delete_original === true && original) {
      if (original.ephemeral) messages.removeEphemeral(target.userId, original.ts);
      else messages.remove(target.channelId, original.ts);
      return;
    }
    const text = typeof reply.text === 'string' ? reply.text : '';
    const blocks = withGeneratedIds(objectsIn(reply.blocks), this.state.ids);
    if (reply.replace_original === true && original) {
      // A replacement is a whole new message: blocks not sent are gone.
      const changes = { text, blocks };
      if (original.ephemeral) messages.updateEphemeral(target.userId, original.ts, changes);
      else messages.update(target.channelId, original.ts, changes);
      return;
    }
    if (!text && blocks.length === 0) return;
    const { bot, appId } = this.state.world;
    const threadTs = typeof reply.thread_ts === 'string' ? reply.thread_ts : undefined;
    const draft = {
      text,
      user: bot.userId,
      botId: bot.botId,
      appId,
      ...(blocks.length > 0 ? { blocks } : {}),
      ...(threadTs === undefined ? {} : { threadTs }),
    };
    const posted =
      reply.response_type === 'in_channel'
        ? { ts: messages.post(target.channelId, draft).ts, ephemeral: false }
        : { ts: messages.postEphemeral(target.userId, target.channelId, draft).ts, ephemeral: true };
    if (target.followsLatest) target.original = posted;
  }
}
