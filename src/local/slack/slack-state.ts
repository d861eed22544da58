/** The stand-in's whole in-memory workspace, and the read-only view of it offered to callers. */
import { type ChangeFeed, createChangeFeed } from './change-feed.ts';
import { copyOf } from './json-values.ts';
import { type EphemeralMessage, MessageStore, type SlackMessage } from './message-store.ts';
import { type Clock, createSlackIds, type SlackIds } from './slack-ids.ts';
import { TriggerIds } from './trigger-ids.ts';
import { type StandInView, ViewStore } from './view-store.ts';
import { type Conversation, WorkspaceDirectory } from './workspace-directory.ts';
import type { SlackWorld, SlackWorldUser, SlackWorldUserGroup } from './world.ts';

export class SlackState {
  readonly feed: ChangeFeed = createChangeFeed();
  readonly ids: SlackIds;
  readonly directory: WorkspaceDirectory;
  readonly messages: MessageStore;
  readonly views: ViewStore;
  readonly triggers: TriggerIds;
  /** Slack reports when channels were created; here, when the stand-in started. */
  readonly startedAt: number;

  constructor(
    readonly world: SlackWorld,
    readonly clock: Clock,
  ) {
    this.startedAt = clock();
    this.ids = createSlackIds(clock);
    this.directory = new WorkspaceDirectory(world, this.ids);
    this.messages = new MessageStore(world.team.id, this.ids, this.feed);
    this.views = new ViewStore(world, this.ids, this.feed);
    this.triggers = new TriggerIds(this.ids, clock);
  }
}

/** What tests and the playground may read; every answer is a copy. */
export interface SlackStateReader {
  world(): SlackWorld;
  users(): SlackWorldUser[];
  /** Channels and the bot's DMs, with their members. */
  conversations(): Conversation[];
  userGroups(): SlackWorldUserGroup[];
  /** Top-level messages (and replies sent to the channel too), oldest first. */
  messages(channelId: string): SlackMessage[];
  /** Parent then replies, oldest first. */
  thread(channelId: string, ts: string): SlackMessage[];
  ephemerals(userId: string): EphemeralMessage[];
  view(viewId: string): StandInView | undefined;
  /** The user's modal stack, root first. */
  openViews(userId: string): StandInView[];
  home(userId: string): StandInView | undefined;
}

export function readerOf(state: SlackState): SlackStateReader {
  return {
    world: () => copyOf(state.world),
    users: () => state.directory.users(),
    conversations: () => state.directory.conversationList(),
    userGroups: () => copyOf(state.world.userGroups),
    messages: (channelId) => state.messages.history(channelId),
    thread: (channelId, ts) => state.messages.thread(channelId, ts),
    ephemerals: (userId) => state.messages.ephemerals(userId),
    view: (viewId) => state.views.get(viewId),
    openViews: (userId) => state.views.stack(userId),
    home: (userId) => state.views.home(userId),
  };
}
