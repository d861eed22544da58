/** The workspace's people, conversations and user groups; DMs with the bot are opened on demand. */
import type { SlackIds } from './slack-ids.ts';
import type { SlackWorld, SlackWorldChannel, SlackWorldUser, SlackWorldUserGroup } from './world.ts';

export interface Conversation extends SlackWorldChannel {
  /** For a DM: the person the bot talks to. */
  dmUser?: string;
}

export class WorkspaceDirectory {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    readonly world: SlackWorld,
    private readonly ids: SlackIds,
  ) {
    for (const channel of world.channels) this.conversations.set(channel.id, structuredClone(channel));
  }

  get botUserId(): string {
    return this.world.bot.userId;
  }

  user(id: string): SlackWorldUser | undefined {
    return this.world.users.find((user) => user.id === id);
  }

  users(): SlackWorldUser[] {
    return structuredClone(this.world.users);
  }

  /** By ID, `#name` or `name`, as chat.postMessage accepts. */
  conversation(idOrName: string): Conversation | undefined {
    const byId = this.conversations.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    return [...this.conversations.values()].find((candidate) => !candidate.dmUser && candidate.name === name);
  }

  conversationList(): Conversation[] {
    return structuredClone([...this.conversations.values()]);
  }

  isMember(conversationId: string, userId: string): boolean {
    return this.conversations.get(conversationId)?.members.includes(userId) ?? false;
  }

  directMessageWith(userId: string): Conversation | undefined {
    return [...this.conversations.values()].find((candidate) => candidate.dmUser === userId);
  }

  openDirectMessage(userId: string): { conversation: Conversation; alreadyOpen: boolean } {
    const existing = this.directMessageWith(userId);
    if (existing) return { conversation: existing, alreadyOpen: true };
    const conversation: Conversation = {
      id: this.ids.directMessageId(),
      name: userId,
      members: [userId, this.botUserId],
      isPrivate: true,
      dmUser: userId,
    };
    this.conversations.set(conversation.id, conversation);
    return { conversation, alreadyOpen: false };
  }

  userGroup(id: string): SlackWorldUserGroup | undefined {
    return this.world.userGroups.find((group) => group.id === id);
  }
}
