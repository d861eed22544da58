/**
 * The workflow's Notifier on Slack. Each slot is one message: posted once, then updated in place
 * (latest content wins). Posting is at least once and de-duplicated: a post that may have
 * reached Slack before (the workflow says so) first searches the place it would go for a message
 * carrying the notification ID. Every call goes out under the Slack budget with the priority of
 * who waits for it: approval messages and results first, card status changes next, card progress
 * last (and shed when the budget is short). Failures are thrown as DeliveryError for the
 * runtime's outbox to retry.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import type { DeliveryReceipt, Notification, Notifier } from '../workflow/notifier.ts';
import type { CallPriority } from './budget/slack-call-observer.ts';
import { DeliveryError, toDeliveryError } from './delivery-error.ts';
import { notificationMessage } from './notification-messages.ts';
import { findPostedMessage, type MessagePlace, notificationMetadata } from './posted-message-finder.ts';
import { slackErrorCode } from './slack-errors.ts';

export type NotifierClient = Pick<webApi.WebClient, 'chat' | 'conversations'>;

/** One client per priority the notifier calls with (each sends under the budget at that rank). */
export type NotifierClients = Record<Exclude<CallPriority, 'person'>, NotifierClient>;

export interface SlackNotifierOptions {
  clients: NotifierClients;
  approvalsChannelId: string;
  logger: Logger;
}

/** The bot cannot post where it was asked (a private channel it is not in, a DM between people). */
const CANNOT_POST_THERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** The message to update is gone or not ours: post a fresh one. */
const CANNOT_UPDATE = new Set(['message_not_found', 'cant_update_message']);

/** Who waits for a notification's call: the approver and the result's reader before the card. */
function priorityOf(notification: Notification, previous: DeliveryReceipt | undefined) {
  if (notification.slot === 'card') return notification.progressOnly ? 'progress' : 'status';
  return previous ? 'status' : 'decision';
}

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const { clients, approvalsChannelId, logger } = options;
  /** Direct message channels opened by this process: conversations.open is Tier 3. */
  const dmChannels = new Map<string, string>();

  async function dmChannel(client: NotifierClient, userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    if (!opened.channel?.id)
      throw new DeliveryError('no_dm_channel', { retryable: true, mayHavePosted: false });
    dmChannels.set(userId, opened.channel.id);
    return opened.channel.id;
  }

  /** One delivery's calls, all at the priority of who waits for it. */
  async function deliverOnce(notification: Notification, previous: DeliveryReceipt | undefined) {
    const client = clients[priorityOf(notification, previous)];
    const { message, requester, isBadNews, subjectId } = notificationMessage(notification);

    async function postOnce(place: MessagePlace): Promise<DeliveryReceipt> {
      if (notification.mayHavePosted) {
        const found = await findPostedMessage(client, place, notification.id);
        if (found) {
          logger.info('adopting a message posted before a lost receipt', { notificationId: notification.id });
          await update(found);
          return found;
        }
      }
      const posted = await client.chat.postMessage({
        channel: place.channelId,
        text: message.text,
        blocks: message.blocks,
        metadata: notificationMetadata(notification.id),
        unfurl_links: false,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
      if (!posted.ts) throw new DeliveryError('no_ts_returned', { retryable: true, mayHavePosted: true });
      return { channelId: posted.channel ?? place.channelId, ts: posted.ts };
    }

    async function update(receipt: DeliveryReceipt): Promise<void> {
      await client.chat.update({
        channel: receipt.channelId,
        ts: receipt.ts,
        text: message.text,
        blocks: message.blocks,
        metadata: notificationMetadata(notification.id),
      });
    }

    /** Where the request or batch was asked, or the requester's DM when the bot cannot post there. */
    async function postWhereAsked(): Promise<DeliveryReceipt> {
      try {
        return await postOnce({ channelId: requester.channelId });
      } catch (error) {
        if (!CANNOT_POST_THERE.has(slackErrorCode(error) ?? '')) throw error;
        return postOnce({ channelId: await dmChannel(client, requester.userId) });
      }
    }

    /** Bad news also goes to the requester's DM, unless the card already lives there. */
    async function tellRequesterDirectly(card: DeliveryReceipt): Promise<void> {
      if (!isBadNews || card.channelId.startsWith('D')) return;
      try {
        await client.chat.postMessage({
          channel: await dmChannel(client, requester.userId),
          text: message.text,
          blocks: message.blocks,
        });
      } catch (error) {
        // The thread reply already carries the outcome; a missed DM is not worth a retry.
        logger.warn('direct message to the requester failed', { subjectId, error });
      }
    }

    async function post(): Promise<DeliveryReceipt> {
      switch (notification.slot) {
        case 'card':
          return postWhereAsked();
        case 'approval':
          return postOnce({ channelId: approvalsChannelId });
        case 'outcome': {
          const { card } = notification;
          // The dispatcher sends the outcome only once the card is posted; this is a broken promise.
          if (!card)
            throw new DeliveryError('card_not_posted_yet', { retryable: true, mayHavePosted: false });
          const receipt = await postOnce({ channelId: card.channelId, threadTs: card.ts });
          await tellRequesterDirectly(card);
          return receipt;
        }
      }
    }

    if (previous) {
      try {
        await update(previous);
        return previous;
      } catch (error) {
        if (!CANNOT_UPDATE.has(slackErrorCode(error) ?? '')) throw error;
        logger.warn('message to update is gone; posting it again', { notificationId: notification.id });
      }
    }
    return post();
  }

  return {
    async deliver(notification, previous) {
      try {
        return await deliverOnce(notification, previous);
      } catch (error) {
        const failure = toDeliveryError(error);
        if (!failure.deferred) {
          logger.warn('notification not delivered', {
            notificationId: notification.id,
            code: failure.code,
            retryable: failure.retryable,
            ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
          });
        }
        throw failure;
      }
    },
  };
}
