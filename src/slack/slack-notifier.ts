/**
 * The workflow's Notifier on Slack. Each slot is one message: posted once, then updated in place
 * (latest content wins). Posting is at least once and de-duplicated: before posting a slot that
 * has no receipt, the place it would go is searched for a message carrying the notification ID.
 * Failures are thrown as DeliveryError for the runtime's outbox to retry; this client never
 * retries by itself, so a 429 surfaces with its Retry-After instead of blocking every call.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import type { DeliveryReceipt, Notification, Notifier } from '../workflow/notifier.ts';
import type { SlackMessage } from './blocks/slack-message.ts';
import { DeliveryError, toDeliveryError } from './delivery-error.ts';
import { notificationMessage } from './notification-messages.ts';
import { findPostedMessage, type MessagePlace, notificationMetadata } from './posted-message-finder.ts';
import { slackErrorCode } from './slack-errors.ts';
import { directMessage } from './user-replies.ts';

export type NotifierClient = Pick<webApi.WebClient, 'chat' | 'conversations'>;

export interface SlackNotifierOptions {
  client: NotifierClient;
  approvalsChannelId: string;
  logger: Logger;
}

/** The bot cannot post where it was asked (a private channel it is not in, a DM between people). */
const CANNOT_POST_THERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** The message to update is gone or not ours: post a fresh one. */
const CANNOT_UPDATE = new Set(['message_not_found', 'cant_update_message']);
/** Outcomes the requester should hear about directly, not only in a thread. */
const DIRECT_OUTCOMES = new Set(['failed', 'expired', 'rejected']);

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const { client, approvalsChannelId, logger } = options;
  /** Card receipts seen by this process, so outcomes find their thread without a lookup. */
  const cards = new Map<string, DeliveryReceipt>();

  async function dmChannel(userId: string): Promise<string> {
    const opened = await client.conversations.open({ users: userId });
    if (!opened.channel?.id) throw new DeliveryError('no_dm_channel', { retryable: true });
    return opened.channel.id;
  }

  async function postOnce(place: MessagePlace, notification: Notification, message: SlackMessage) {
    const found = await findPostedMessage(client, place, notification.id);
    if (found) {
      logger.info('adopting a message posted before a lost receipt', { notificationId: notification.id });
      await update(found, notification, message);
      return found;
    }
    const posted = await client.chat.postMessage({
      channel: place.channelId,
      text: message.text,
      blocks: message.blocks,
      metadata: notificationMetadata(notification.id),
      unfurl_links: false,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    });
    if (!posted.ts) throw new DeliveryError('no_ts_returned', { retryable: true });
    return { channelId: posted.channel ?? place.channelId, ts: posted.ts };
  }

  async function update(receipt: DeliveryReceipt, notification: Notification, message: SlackMessage) {
    await client.chat.update({
      channel: receipt.channelId,
      ts: receipt.ts,
      text: message.text,
      blocks: message.blocks,
      metadata: notificationMetadata(notification.id),
    });
  }

  /** Where the request was asked, or the requester's DM when the bot cannot post there. */
  async function postWhereAsked(notification: Notification, message: SlackMessage): Promise<DeliveryReceipt> {
    try {
      return await postOnce({ channelId: notification.request.requester.channelId }, notification, message);
    } catch (error) {
      if (!CANNOT_POST_THERE.has(slackErrorCode(error) ?? '')) throw error;
      const channelId = await dmChannel(notification.request.requester.userId);
      return postOnce({ channelId }, notification, message);
    }
  }

  async function cardOf(notification: Notification): Promise<DeliveryReceipt> {
    const known = cards.get(notification.requestId);
    if (known) return known;
    const cardId = `${notification.requestId}:card`;
    const { requester } = notification.request;
    const found =
      (await findPostedMessage(client, { channelId: requester.channelId }, cardId).catch(() => undefined)) ??
      (await findPostedMessage(client, { channelId: await dmChannel(requester.userId) }, cardId));
    // The outbox delivers the card first; until it is there, the outcome has no thread to go to.
    if (!found) throw new DeliveryError('card_not_posted_yet', { retryable: true });
    cards.set(notification.requestId, found);
    return found;
  }

  async function post(notification: Notification, message: SlackMessage): Promise<DeliveryReceipt> {
    switch (notification.slot) {
      case 'card':
        return postWhereAsked(notification, message);
      case 'approval':
        return postOnce({ channelId: approvalsChannelId }, notification, message);
      case 'outcome': {
        const card = await cardOf(notification);
        const receipt = await postOnce(
          { channelId: card.channelId, threadTs: card.ts },
          notification,
          message,
        );
        await tellRequesterDirectly(notification, card, message);
        return receipt;
      }
    }
  }

  /** Bad news also goes to the requester's DM, unless the card already lives there. */
  async function tellRequesterDirectly(
    notification: Notification,
    card: DeliveryReceipt,
    message: SlackMessage,
  ) {
    const { request } = notification;
    if (!DIRECT_OUTCOMES.has(request.status) || card.channelId.startsWith('D')) return;
    try {
      await directMessage(client, request.requester.userId, message);
    } catch (error) {
      // The thread reply already carries the outcome; a missed DM is not worth a retry.
      logger.warn('direct message to the requester failed', { requestId: request.requestId, error });
    }
  }

  return {
    async deliver(notification, previous) {
      const message = notificationMessage(notification.slot, notification.request);
      try {
        if (previous) {
          try {
            await update(previous, notification, message);
            if (notification.slot === 'card') cards.set(notification.requestId, previous);
            return previous;
          } catch (error) {
            if (!CANNOT_UPDATE.has(slackErrorCode(error) ?? '')) throw error;
            logger.warn('message to update is gone; posting it again', { notificationId: notification.id });
          }
        }
        const receipt = await post(notification, message);
        if (notification.slot === 'card') cards.set(notification.requestId, receipt);
        return receipt;
      } catch (error) {
        const failure = toDeliveryError(error);
        logger.warn('notification not delivered', {
          notificationId: notification.id,
          code: failure.code,
          retryable: failure.retryable,
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
        });
        throw failure;
      }
    },
  };
}
