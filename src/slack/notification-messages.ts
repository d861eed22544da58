/** The message each notification slot shows for a request's current state. */
import type { NotificationSlot } from '../workflow/notifier.ts';
import type { RequestView } from '../workflow/request-view.ts';
import { buildApprovalMessage } from './blocks/approval-message.ts';
import { buildOutcomeMessage } from './blocks/outcome-message.ts';
import { buildRequestCard } from './blocks/request-card.ts';
import type { SlackMessage } from './blocks/slack-message.ts';

const BUILDERS: Record<NotificationSlot, (view: RequestView) => SlackMessage> = {
  card: (view) => buildRequestCard(view),
  approval: buildApprovalMessage,
  outcome: buildOutcomeMessage,
};

export function notificationMessage(slot: NotificationSlot, view: RequestView): SlackMessage {
  return BUILDERS[slot](view);
}
