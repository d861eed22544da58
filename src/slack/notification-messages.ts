/** The message each notification slot shows for its request's or batch's current state. */
import type { Requester } from '../domain/copy-request.ts';
import type { BatchView } from '../workflow/batch/copy-batch-view.ts';
import type { Notification, NotificationSlot } from '../workflow/notifier.ts';
import type { RequestView } from '../workflow/request-view.ts';
import { buildApprovalMessage } from './blocks/approval-message.ts';
import { buildBatchApprovalMessage } from './blocks/batch-approval-message.ts';
import { buildBatchCard } from './blocks/batch-card.ts';
import { buildBatchOutcomeMessage } from './blocks/batch-outcome-message.ts';
import { buildOutcomeMessage } from './blocks/outcome-message.ts';
import { buildRequestCard } from './blocks/request-card.ts';
import type { SlackMessage } from './blocks/slack-message.ts';

const REQUEST_BUILDERS: Record<NotificationSlot, (view: RequestView) => SlackMessage> = {
  card: (view) => buildRequestCard(view),
  approval: buildApprovalMessage,
  outcome: buildOutcomeMessage,
};

const BATCH_BUILDERS: Record<NotificationSlot, (view: BatchView) => SlackMessage> = {
  card: (view) => buildBatchCard(view),
  approval: buildBatchApprovalMessage,
  outcome: buildBatchOutcomeMessage,
};

/** Outcomes the requester should hear about directly, not only in a thread. */
const DIRECT_OUTCOMES = new Set(['failed', 'expired', 'rejected']);

export interface NotificationMessage {
  message: SlackMessage;
  requester: Requester;
  /** Bad news: the requester also gets it in a direct message. */
  isBadNews: boolean;
  /** The request or batch ID, for logs. */
  subjectId: string;
}

export function notificationMessage(notification: Notification): NotificationMessage {
  const { slot } = notification;
  if (notification.subject === 'batch') {
    const { batch } = notification;
    return {
      message: BATCH_BUILDERS[slot](batch),
      requester: batch.requester,
      isBadNews: DIRECT_OUTCOMES.has(batch.status),
      subjectId: batch.batchId,
    };
  }
  const { request } = notification;
  return {
    message: REQUEST_BUILDERS[slot](request),
    requester: request.requester,
    isBadNews: DIRECT_OUTCOMES.has(request.status),
    subjectId: request.requestId,
  };
}
