/**
 * Finds a message snapcopy already posted for a notification, by the ID in its metadata. Slack
 * has no idempotency key for chat.postMessage, so a delivery whose receipt was lost (crash after
 * the post, before the receipt was stored) looks here first and adopts the message it finds.
 */
import type { webApi } from '@slack/bolt';
import type { DeliveryReceipt } from '../workflow/notifier.ts';
import { isObject } from './payload-guards.ts';
import { NOTIFICATION_EVENT_TYPE } from './slack-ids.ts';

export interface MessagePlace {
  channelId: string;
  /** Set for thread replies: only that thread is searched. */
  threadTs?: string;
}

/** The newest messages of a channel are enough: a lost receipt is found soon after the post. */
const LOOKBACK_MESSAGES = 100;

export async function findPostedMessage(
  client: Pick<webApi.WebClient, 'conversations'>,
  place: MessagePlace,
  notificationId: string,
): Promise<DeliveryReceipt | undefined> {
  const result = place.threadTs
    ? await client.conversations.replies({
        channel: place.channelId,
        ts: place.threadTs,
        include_all_metadata: true,
        limit: LOOKBACK_MESSAGES,
      })
    : await client.conversations.history({
        channel: place.channelId,
        include_all_metadata: true,
        limit: LOOKBACK_MESSAGES,
      });
  const found = (result.messages ?? []).find((message) => carriesId(message.metadata, notificationId));
  return found?.ts ? { channelId: place.channelId, ts: found.ts } : undefined;
}

export function notificationMetadata(notificationId: string) {
  return { event_type: NOTIFICATION_EVENT_TYPE, event_payload: { notification_id: notificationId } };
}

function carriesId(metadata: unknown, notificationId: string): boolean {
  return (
    isObject(metadata) &&
    metadata.event_type === NOTIFICATION_EVENT_TYPE &&
    isObject(metadata.event_payload) &&
    metadata.event_payload.notification_id === notificationId
  );
}
