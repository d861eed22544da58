/**
 * A batch's approval request in the approvals channel: one decision for every snapshot listed.
 * Approve carries the digest of the selection shown; after the decision, who decided, no buttons.
 */
import type { types } from '@slack/bolt';
import type { BatchView } from '../../workflow/batch/copy-batch-view.ts';
import { batchProblemBlocks } from './batch-card.ts';
import { batchDetailBlocks, batchEstimateBlocks, refusedBlocks } from './batch-details.ts';
import { batchStatusLabel, selectorText, snapshotCount } from './batch-text.ts';
import { actions, batchDecisionButtons } from './request-buttons.ts';
import { decisionLine } from './request-details.ts';
import { approvalReasonsText, formatTime } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, divider, header, LIMITS, mention, section } from './slack-text.ts';

/** What is left of the message's room for the refused list once the details and estimate are in. */
const APPROVAL_REFUSED = { maxBlocks: 10, maxChars: LIMITS.messageBlocksChars - 6000 };

export function buildBatchApprovalMessage(view: BatchView): SlackMessage {
  const requester = mention(view.requester.userId);
  const blocks: types.KnownBlock[] = [
    header(`Approval needed: batch copy ${view.batchId}`),
    section(
      `${requester} asks to copy ${snapshotCount(view.items.length)} (${selectorText(view.parameters.selector)}), ` +
        `${view.totalGiB} GiB in all. ${approvalReasonsText(view)}`,
    ),
    ...batchDetailBlocks(view),
  ];
  const estimate = batchEstimateBlocks(view);
  if (estimate.length > 0) blocks.push(divider, ...estimate);
  blocks.push(...refusedBlocks(view, APPROVAL_REFUSED), ...stateBlocks(view));
  return {
    text: `Approval needed for batch copy ${view.batchId} (${snapshotCount(view.items.length)}) by ${requester}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

function stateBlocks(view: BatchView): types.KnownBlock[] {
  if (view.status === 'awaitingApproval' && view.digest) {
    const deadline = view.approval.deadline
      ? [context(`Expires ${formatTime(view.approval.deadline)} if undecided.`)]
      : [];
    return [...deadline, actions('batch_approval_actions', batchDecisionButtons(view.batchId, view.digest))];
  }
  const decided = decisionLine(view);
  if (decided) return [context(decided)];
  if (view.status === 'expired') return [context('Expired: nobody decided in time.')];
  const problems = batchProblemBlocks(view);
  return problems.length > 0 ? problems : [context(batchStatusLabel(view.status))];
}
