/** Messages per channel (threads included) and ephemeral messages per user, in `ts` order. */
import type { ChangeFeed } from './change-feed.ts';
import { copyOf, type JsonObject } from './json-values.ts';
import type { SlackIds } from './slack-ids.ts';

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  team: string;
  bot_id?: string;
  app_id?: string;
  blocks?: JsonObject[];
  subtype?: string;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  metadata?: MessageMetadata;
  edited?: { user: string; ts: string };
}

/** Ephemeral messages are only ever seen by one user, in one channel. */
export interface EphemeralMessage extends SlackMessage {
  channel: string;
}

export interface MessageDraft {
  text: string;
  user: string;
  botId?: string;
  appId?: string;
  blocks?: JsonObject[];
  threadTs?: string;
  broadcast?: boolean;
  metadata?: MessageMetadata;
}

export interface MessageChanges {
  text?: string;
  blocks?: JsonObject[];
  metadata?: MessageMetadata;
  editedBy?: string;
}

export class MessageStore {
  private readonly channels = new Map<string, SlackMessage[]>();
  private readonly ephemeralByUser = new Map<string, EphemeralMessage[]>();

  constructor(
    private readonly teamId: string,
    private readonly ids: SlackIds,
    private readonly feed: ChangeFeed,
  ) {}

  post(channelId: string, draft: MessageDraft): SlackMessage {
    const message = this.build(draft);
    const list = this.list(channelId);
    if (draft.threadTs !== undefined) {
      message.thread_ts = draft.threadTs;
      const parent = list.find((candidate) => candidate.ts === draft.threadTs);
      if (parent) {
        message.parent_user_id = parent.user;
        if (draft.broadcast) message.subtype = 'thread_broadcast';
        this.noteReply(parent, message);
        this.feed.emit({ type: 'message_updated', channelId, message: copyOf(parent) });
      }
    }
    list.push(message);
    this.feed.emit({ type: 'message_posted', channelId, message: copyOf(message) });
    return copyOf(message);
  }

  find(channelId: string, ts: string): SlackMessage | undefined {
    return copyOf(messageAt(this.channels, channelId, ts));
  }

  update(channelId: string, ts: string, changes: MessageChanges): SlackMessage | undefined {
    return this.change(messageAt(this.channels, channelId, ts), changes, (message) =>
      this.feed.emit({ type: 'message_updated', channelId, message }),
    );
  }

  /** A thread parent with replies stays behind as a tombstone, as in Slack. */
  remove(channelId: string, ts: string): SlackMessage | undefined {
    const list = this.list(channelId);
    const index = list.findIndex((candidate) => candidate.ts === ts);
    const message = list[index];
    if (!message) return undefined;
    if (message.reply_count) {
      Object.assign(message, { subtype: 'tombstone', text: 'This message was deleted.', blocks: [] });
      this.feed.emit({ type: 'message_updated', channelId, message: copyOf(message) });
      return copyOf(message);
    }
    list.splice(index, 1);
    this.feed.emit({ type: 'message_deleted', channelId, message: copyOf(message) });
    return copyOf(message);
  }

  /** Top-level messages and replies also sent to the channel, oldest first. */
  history(channelId: string): SlackMessage[] {
    return copyOf(
      this.list(channelId).filter(
        (message) =>
          message.thread_ts === undefined ||
          message.thread_ts === message.ts ||
          message.subtype === 'thread_broadcast',
      ),
    );
  }

  /** The parent followed by its replies, oldest first; empty when `ts` is not a message here. */
  thread(channelId: string, ts: string): SlackMessage[] {
    const list = this.list(channelId);
    const start = list.find((message) => message.ts === ts);
    if (!start) return [];
    const rootTs = start.thread_ts ?? start.ts;
    return copyOf(list.filter((message) => message.ts === rootTs || message.thread_ts === rootTs));
  }

  postEphemeral(userId: string, channelId: string, draft: MessageDraft): EphemeralMessage {
    const message: EphemeralMessage = { ...this.build(draft), channel: channelId };
    if (draft.threadTs !== undefined) message.thread_ts = draft.threadTs;
    this.ephemeralList(userId).push(message);
    this.feed.emit({ type: 'ephemeral_posted', userId, message: copyOf(message) });
    return copyOf(message);
  }

  findEphemeral(userId: string, ts: string): EphemeralMessage | undefined {
    return copyOf(messageAt(this.ephemeralByUser, userId, ts));
  }

  updateEphemeral(userId: string, ts: string, changes: MessageChanges): EphemeralMessage | undefined {
    return this.change(messageAt(this.ephemeralByUser, userId, ts), changes, (message) =>
      this.feed.emit({ type: 'ephemeral_updated', userId, message }),
    );
  }

  removeEphemeral(userId: string, ts: string): EphemeralMessage | undefined {
    const list = this.ephemeralList(userId);
    const index = list.findIndex((candidate) => candidate.ts === ts);
    const [message] = index < 0 ? [] : list.splice(index, 1);
    if (message) this.feed.emit({ type: 'ephemeral_deleted', userId, message: copyOf(message) });
    return message;
  }

  ephemerals(userId: string): EphemeralMessage[] {
    return copyOf(this.ephemeralList(userId));
  }

  private build(draft: MessageDraft): SlackMessage {
    const message: SlackMessage = {
      type: 'message',
      ts: this.ids.nextTs(),
      text: draft.text,
      user: draft.user,
      team: this.teamId,
    };
    if (draft.botId !== undefined) message.bot_id = draft.botId;
    if (draft.appId !== undefined) message.app_id = draft.appId;
    if (draft.blocks !== undefined) message.blocks = copyOf(draft.blocks);
    if (draft.metadata !== undefined) message.metadata = copyOf(draft.metadata);
    return message;
  }

  /** Applies `changes` to the stored message and announces a copy of the result. */
  private change<T extends SlackMessage>(
    message: T | undefined,
    changes: MessageChanges,
    announce: (changed: T) => void,
  ): T | undefined {
    if (!message) return undefined;
    this.apply(message, changes);
    announce(copyOf(message));
    return copyOf(message);
  }

  private apply(message: SlackMessage, changes: MessageChanges): void {
    if (changes.text !== undefined) message.text = changes.text;
    // chat.update keeps the previous blocks unless new ones (possibly []) are given.
    if (changes.blocks !== undefined) message.blocks = copyOf(changes.blocks);
    if (changes.metadata !== undefined) message.metadata = copyOf(changes.metadata);
    if (changes.editedBy !== undefined) message.edited = { user: changes.editedBy, ts: this.ids.nextTs() };
  }

  private noteReply(parent: SlackMessage, reply: SlackMessage): void {
    const users = new Set([...(parent.reply_users ?? []), reply.user]);
    Object.assign(parent, {
      thread_ts: parent.ts,
      reply_count: (parent.reply_count ?? 0) + 1,
      reply_users: [...users],
      reply_users_count: users.size,
      latest_reply: reply.ts,
    });
  }

  private list(channelId: string): SlackMessage[] {
    return listIn(this.channels, channelId);
  }

  private ephemeralList(userId: string): EphemeralMessage[] {
    return listIn(this.ephemeralByUser, userId);
  }
}

function listIn<T>(lists: Map<string, T[]>, key: string): T[] {
  const existing = lists.get(key);
  if (existing) return existing;
  const created: T[] = [];
  lists.set(key, created);
  return created;
}

function messageAt<T extends SlackMessage>(lists: Map<string, T[]>, key: string, ts: string): T | undefined {
  return lists.get(key)?.find((message) => message.ts === ts);
}
