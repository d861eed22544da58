/** Reading conversations and opening the bot's DMs. */
import type { JsonObject } from '../json-values.ts';
import type { SlackState } from '../slack-state.ts';
import type { Conversation } from '../workspace-directory.ts';
import { joinedConversation } from './conversation-access.ts';
import { compareTs, messagePage } from './message-pages.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { MethodTable } from './web-api-method.ts';

function conversationObject(conversation: Conversation, state: SlackState): JsonObject {
  const created = Math.floor(state.startedAt / 1000);
  if (conversation.dmUser !== undefined) {
    return {
      id: conversation.id,
      created,
      is_im: true,
      is_org_shared: false,
      user: conversation.dmUser,
      is_user_deleted: false,
    };
  }
  const isPrivate = conversation.isPrivate === true;
  return {
    id: conversation.id,
    name: conversation.name,
    name_normalized: conversation.name,
    created,
    is_channel: !isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    is_archived: conversation.isArchived === true,
    is_general: false,
    is_member: conversation.members.includes(state.world.bot.userId),
    num_members: conversation.members.length,
  };
}

export const conversationMethods: MethodTable = {
  'conversations.history': (args, state) => {
    const conversation = joinedConversation(state, args.required('channel', 'channel_not_found'));
    const newestFirst = state.messages.history(conversation.id).sort((a, b) => compareTs(b.ts, a.ts));
    return { ...messagePage(newestFirst, args), pin_count: 0 };
  },

  'conversations.replies': (args, state) => {
    const conversation = joinedConversation(state, args.required('channel', 'channel_not_found'));
    const thread = state.messages.thread(conversation.id, args.required('ts', 'thread_not_found'));
    if (thread.length === 0) throw new SlackApiError('thread_not_found');
    return messagePage(thread, args);
  },

  'conversations.open': (args, state) => {
    const existingChannel = args.string('channel');
    if (existingChannel !== undefined) {
      const conversation = state.directory.conversation(existingChannel);
      if (!conversation?.dmUser) throw new SlackApiError('channel_not_found');
      return { channel: { id: conversation.id }, no_op: true, already_open: true };
    }
    const users = args.required('users', 'users_list_not_supplied').split(',');
    // Group DMs are not something snapcopy opens; refuse rather than pretend.
    if (users.length !== 1) throw new SlackApiError('not_supported');
    const userId = users[0]!.trim();
    if (!state.directory.user(userId)) throw new SlackApiError('user_not_found');
    const { conversation, alreadyOpen } = state.directory.openDirectMessage(userId);
    return { channel: { id: conversation.id }, ...(alreadyOpen ? { no_op: true, already_open: true } : {}) };
  },

  'conversations.info': (args, state) => {
    const id = args.required('channel', 'channel_not_found');
    const conversation = state.directory.conversation(id);
    const hidden = conversation?.isPrivate && !conversation.members.includes(state.world.bot.userId);
    if (!conversation || conversation.id !== id || hidden) throw new SlackApiError('channel_not_found');
    return { channel: conversationObject(conversation, state) };
  },
};
