/**
 * Private answers to one user. A response_url works anywhere; without one (modals, the Home tab)
 * an ephemeral message needs the bot in the channel, so the last resort is a direct message.
 */
import type { RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks/slack-message.ts';

export interface ReplyTarget {
  client: Pick<webApi.WebClient, 'chat' | 'conversations'>;
  userId: string;
  channelId?: string;
  respond?: RespondFn;
}

export async function replyPrivately(target: ReplyTarget, message: SlackMessage | string): Promise<void> {
  const { text, blocks } = typeof message === 'string' ? { text: message, blocks: undefined } : message;
  if (target.respond) {
    try {
      await target.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text,
        ...(blocks ? { blocks } : {}),
      });
      return;
    } catch {
      // An expired or used-up response_url: fall through to the Web API.
    }
  }
  if (target.channelId) {
    try {
      await target.client.chat.postEphemeral({
        channel: target.channelId,
        user: target.userId,
        text,
        ...(blocks ? { blocks } : {}),
      });
      return;
    } catch {
      // The bot is not in that channel: fall through to a direct message.
    }
  }
  await directMessage(target.client, target.userId, { text, blocks: blocks ?? [] });
}

export async function directMessage(
  client: Pick<webApi.WebClient, 'chat' | 'conversations'>,
  userId: string,
  message: SlackMessage,
): Promise<{ channelId: string; ts: string }> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const posted = await client.chat.postMessage({
    channel: channelId,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
  });
  return { channelId, ts: posted.ts ?? '' };
}
