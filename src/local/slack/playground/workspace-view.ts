/**
 * The workspace as one person sees it, in the small shape the page renders: their channels and
 * DMs, each channel's messages with their ephemeral messages mixed in, threads, the modal stack
 * and the Home tab. Built from the stand-in's read-only state on every request.
 */
import type { EphemeralMessage, SlackMessage, SlackStateReader, SlackView, StandInView } from '../index.ts';

export interface PagePerson {
  id: string;
  name: string;
  role: string;
}

export interface PageChannel {
  id: string;
  name: string;
  kind: 'channel' | 'dm';
}

export interface PageMessage {
  ts: string;
  channel: string;
  userId: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  replyCount: number;
  ephemeral: boolean;
  edited: boolean;
}

export type PageView = SlackView & { errors: Record<string, string> };

export interface PageWorkspace {
  users: PagePerson[];
  /** Public channels, the ones to land in; each person's DMs come with their state. */
  channels: PageChannel[];
  bot: { id: string; name: string };
}

export interface PageState {
  channels: PageChannel[];
  messages: Record<string, PageMessage[]>;
  /** Replies (without the parent) by `${channelId}:${threadTs}`. */
  threads: Record<string, PageMessage[]>;
  views: PageView[];
  home: PageView | null;
}

/** Labels for the user switcher; people without one are listed as members. */
export type Roles = Record<string, string>;

export function describeWorkspace(state: SlackStateReader, roles: Roles): PageWorkspace {
  const world = state.world();
  const people = state.users().filter((user) => !user.isBot);
  const ranked = (id: string) =>
    roles[id] === undefined ? Number.MAX_SAFE_INTEGER : Object.keys(roles).indexOf(id);
  return {
    users: people
      .map((user) => ({ id: user.id, name: user.realName || user.name, role: roles[user.id] ?? 'member' }))
      .sort((a, b) => ranked(a.id) - ranked(b.id)),
    channels: state
      .conversations()
      .filter((conversation) => conversation.dmUser === undefined && !conversation.isArchived)
      .map((conversation) => ({ id: conversation.id, name: conversation.name, kind: 'channel' as const })),
    bot: { id: world.bot.userId, name: world.bot.name },
  };
}

function pageMessage(message: SlackMessage, channel: string, ephemeral: boolean): PageMessage {
  return {
    ts: message.ts,
    channel,
    userId: message.user,
    ...(message.bot_id === undefined ? {} : { botId: message.bot_id }),
    text: message.text,
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    replyCount: message.reply_count ?? 0,
    ephemeral,
    edited: message.edited !== undefined,
  };
}

function pageView(standIn: StandInView): PageView {
  return { ...standIn.view, errors: standIn.errors };
}

const byTs = (a: PageMessage, b: PageMessage) => Number(a.ts) - Number(b.ts);

export function describeStateFor(state: SlackStateReader, userId: string): PageState {
  const botName = state.world().bot.name;
  const visible = state
    .conversations()
    .filter((conversation) =>
      conversation.dmUser === undefined
        ? conversation.members.includes(userId) && !conversation.isArchived
        : conversation.dmUser === userId,
    );
  const ephemerals = state.ephemerals(userId);
  const ephemeralsIn = (channel: string, threadTs?: string) =>
    ephemerals
      .filter((message: EphemeralMessage) => message.channel === channel && message.thread_ts === threadTs)
      .map((message) => pageMessage(message, channel, true));

  const messages: PageState['messages'] = {};
  const threads: PageState['threads'] = {};
  for (const conversation of visible) {
    const history = state.messages(conversation.id);
    messages[conversation.id] = [
      ...history.map((message) => pageMessage(message, conversation.id, false)),
      ...ephemeralsIn(conversation.id),
    ].sort(byTs);
    for (const parent of history.filter((message) => (message.reply_count ?? 0) > 0)) {
      const replies = state
        .thread(conversation.id, parent.ts)
        .filter((message) => message.ts !== parent.ts)
        .map((message) => pageMessage(message, conversation.id, false));
      threads[`${conversation.id}:${parent.ts}`] = [
        ...replies,
        ...ephemeralsIn(conversation.id, parent.ts),
      ].sort(byTs);
    }
  }
  const home = state.home(userId);
  return {
    channels: visible.map((conversation) =>
      conversation.dmUser === undefined
        ? { id: conversation.id, name: conversation.name, kind: 'channel' }
        : { id: conversation.id, name: botName, kind: 'dm' },
    ),
    messages,
    threads,
    views: state.openViews(userId).map(pageView),
    home: home ? pageView(home) : null,
  };
}
