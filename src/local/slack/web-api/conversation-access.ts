/** Which conversation an argument names and whether the bot may use it, with Slack's refusals. */
import type { SlackState } from '../slack-state.ts';
import type { Conversation } from '../workspace-directory.ts';
import { SlackApiError } from './slack-api-error.ts';

/** A conversation the bot has joined, by ID (conversations.* accept IDs only). */
export function joinedConversation(state: SlackState, id: string): Conversation {
  const conversation = state.directory.conversation(id);
  if (!conversation || conversation.id !== id) throw new SlackApiError('channel_not_found');
  if (!state.directory.isMember(conversation.id, state.world.bot.userId)) {
    // A private channel the bot is not in does not exist as far as the bot can tell.
    throw new SlackApiError(conversation.isPrivate ? 'channel_not_found' : 'not_in_channel');
  }
  return conversation;
}

/**
 * Where chat.postMessage / postEphemeral post: a conversation ID or name the bot has joined, or a
 * user ID, which posts in the bot's DM with that user.
 */
export function postingConversation(state: SlackState, channel: string): Conversation {
  if (state.directory.user(channel)) return state.directory.openDirectMessage(channel).conversation;
  const conversation = state.directory.conversation(channel);
  if (!conversation) throw new SlackApiError('channel_not_found');
  if (conversation.isArchived) throw new SlackApiError('is_archived');
  return joinedConversation(state, conversation.id);
}
