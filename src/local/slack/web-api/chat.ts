/** chat.postMessage / update / postEphemeral / delete with Slack's membership and ownership rules. */
import type { SlackMessage } from '../message-store.ts';
import type { SlackState } from '../slack-state.ts';
import { postingConversation } from './conversation-access.ts';
import { messageContent, requireVisibleContent } from './message-content.ts';
import type { MethodArgs } from './method-args.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { MethodTable } from './web-api-method.ts';

/** The bot's own message at channel/ts, for changing it. */
function ownMessage(
  args: MethodArgs,
  state: SlackState,
  refusal: string,
): { channelId: string; message: SlackMessage } {
  const channelId = args.required('channel', 'channel_not_found');
  if (!state.directory.conversation(channelId)) throw new SlackApiError('channel_not_found');
  const message = state.messages.find(channelId, args.required('ts', 'message_not_found'));
  if (!message) throw new SlackApiError('message_not_found');
  if (message.bot_id !== state.world.bot.botId) throw new SlackApiError(refusal);
  return { channelId, message };
}

/** A reply to a reply goes into the same thread, as in Slack. */
function threadRoot(state: SlackState, channelId: string, threadTs: string | undefined): string | undefined {
  if (threadTs === undefined) return undefined;
  const parent = state.messages.find(channelId, threadTs);
  if (!parent) throw new SlackApiError('thread_not_found');
  return parent.thread_ts ?? parent.ts;
}

function botAuthor(state: SlackState) {
  const { bot, appId } = state.world;
  return { user: bot.userId, botId: bot.botId, appId };
}

export const chatMethods: MethodTable = {
  'chat.postMessage': (args, state) => {
    const conversation = postingConversation(state, args.required('channel', 'channel_not_found'));
    const content = messageContent(args, state.ids);
    requireVisibleContent(content);
    const threadTs = threadRoot(state, conversation.id, args.string('thread_ts'));
    const message = state.messages.post(conversation.id, {
      ...botAuthor(state),
      ...content,
      text: content.text ?? '',
      ...(threadTs === undefined ? {} : { threadTs, broadcast: args.boolean('reply_broadcast') }),
    });
    return { channel: conversation.id, ts: message.ts, message };
  },

  'chat.update': (args, state) => {
    const { channelId, message } = ownMessage(args, state, 'cant_update_message');
    const content = messageContent(args, state.ids);
    const updated = state.messages.update(channelId, message.ts, {
      ...content,
      editedBy: state.world.bot.userId,
    })!;
    return { channel: channelId, ts: updated.ts, text: updated.text, message: updated };
  },

  'chat.postEphemeral': (args, state) => {
    const conversation = postingConversation(state, args.required('channel', 'channel_not_found'));
    const userId = args.required('user', 'user_not_found');
    if (!state.directory.user(userId)) throw new SlackApiError('user_not_found');
    if (!state.directory.isMember(conversation.id, userId)) throw new SlackApiError('user_not_in_channel');
    const content = messageContent(args, state.ids);
    requireVisibleContent(content);
    const threadTs = args.string('thread_ts');
    const message = state.messages.postEphemeral(userId, conversation.id, {
      ...botAuthor(state),
      ...content,
      text: content.text ?? '',
      ...(threadTs === undefined ? {} : { threadTs }),
    });
    return { message_ts: message.ts };
  },

  'chat.delete': (args, state) => {
    const { channelId, message } = ownMessage(args, state, 'cant_delete_message');
    state.messages.remove(channelId, message.ts);
    return { channel: channelId, ts: message.ts };
  },
};
