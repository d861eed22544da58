/** How a request ended, posted in the card's thread and addressed to the requester. */
import type { types } from '@slack/bolt';
import type { RequestView } from '../../workflow/request-view.ts';
import { cancellationText, problemBlocks } from './request-card.ts';
import { decisionLine } from './request-details.ts';
import { formatDuration, formatRetention, formatTime, keyText } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, fieldsSection, LIMITS, mention, section, userText } from './slack-text.ts';

export function buildOutcomeMessage(view: RequestView): SlackMessage {
  const requester = mention(view.requester.userId);
  const { text, blocks } = outcome(view, requester);
  return { text, blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

function outcome(view: RequestView, requester: string): { text: string; blocks: types.KnownBlock[] } {
  const id = view.requestId;
  switch (view.status) {
    case 'done':
      return {
        text: `${requester} snapshot copy ${id} finished: ${view.copy?.snapshotId ?? 'new snapshot'}`,
        blocks: [
          section(`:white_check_mark: ${requester} your snapshot copy *${id}* is done.`),
          resultFields(view),
          ...(view.cancellation ? [context(cancellationText(view))] : []),
        ],
      };
    case 'rejected':
      return {
        text: `${requester} snapshot copy ${id} was rejected`,
        blocks: [
          section(`:no_entry: ${requester} your snapshot copy *${id}* was rejected.`),
          context(decisionLine(view) ?? ''),
        ],
      };
    case 'expired':
      return {
        text: `${requester} snapshot copy ${id} expired without a decision`,
        blocks: [
          section(
            `:alarm_clock: ${requester} your snapshot copy *${id}* expired: nobody approved it` +
              `${view.approval.deadline ? ` before ${formatTime(view.approval.deadline)}` : ''}. ` +
              'Nothing was copied. Ask again with `/snapcopy` if you still need it.',
          ),
        ],
      };
    case 'cancelled':
      return {
        text: `${requester} snapshot copy ${id} was cancelled`,
        blocks: [
          section(`:x: ${requester} snapshot copy *${id}* was cancelled.`),
          context(cancellationText(view)),
        ],
      };
    case 'failed':
      return {
        text: `${requester} snapshot copy ${id} failed`,
        blocks: [
          section(`:warning: ${requester} snapshot copy *${id}* did not complete.`),
          ...problemBlocks(view),
        ],
      };
    default:
      return {
        text: `Snapshot copy ${id}: ${view.status}`,
        blocks: [section(`Snapshot copy *${id}*: ${view.status}`)],
      };
  }
}

function resultFields(view: RequestView): types.SectionBlock {
  const p = view.parameters;
  const approver = view.approval.automatic
    ? 'automatic (same region, default service key)'
    : view.approval.decidedBy
      ? mention(view.approval.decidedBy)
      : 'not needed';
  const started = view.copy?.startedAt ?? view.createdAt;
  const finished = view.copy?.finishedAt ?? view.updatedAt;
  return fieldsSection([
    `*Source snapshot*\n\`${userText(p.sourceSnapshotId, 200)}\` in ${userText(p.sourceRegionId, 100)}`,
    `*New snapshot*\n\`${userText(view.copy?.snapshotId ?? 'unknown', 200)}\` in ${userText(p.destinationRegionId, 100)}`,
    `*Encrypted*\n${p.copyType === 'copyAndEncrypt' ? `yes, key ${keyText(view)}` : 'no'}`,
    `*Retention*\n${formatRetention(p.retentionDays)}`,
    `*Requested by*\n${mention(view.requester.userId)}`,
    `*Approved by*\n${approver}`,
    `*Took*\n${formatDuration(finished - started)}`,
  ]);
}
