/** The approval request in the approvals channel: Approve / Reject while undecided, then who decided and when. */
import type { types } from '@slack/bolt';
import type { RequestView } from '../../workflow/request-view.ts';
import { actions, decisionButtons } from './request-buttons.ts';
import { cancellationText } from './request-card.ts';
import { decisionLine, estimateBlocks, requestDetailBlocks } from './request-details.ts';
import { approvalReasonsText, formatTime, statusLabel } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, divider, header, LIMITS, mention, section } from './slack-text.ts';

export function buildApprovalMessage(view: RequestView): SlackMessage {
  const blocks: types.KnownBlock[] = [
    header(`Approval needed: snapshot copy ${view.requestId}`),
    section(`${mention(view.requester.userId)} asks to copy a snapshot. ${approvalReasonsText(view)}`),
    ...requestDetailBlocks(view),
  ];
  if (view.estimate) blocks.push(divider, ...estimateBlocks(view.estimate));
  blocks.push(...stateBlocks(view));
  return {
    text: `Approval needed for snapshot copy ${view.requestId} by ${mention(view.requester.userId)}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

function stateBlocks(view: RequestView): types.KnownBlock[] {
  if (view.status === 'awaitingApproval') {
    const deadline = view.approval.deadline
      ? `Expires ${formatTime(view.approval.deadline)} if undecided.`
      : '';
    return [
      ...(deadline ? [context(deadline)] : []),
      actions('approval_actions', decisionButtons(view.requestId)),
    ];
  }
  const decided = decisionLine(view);
  if (decided) return [context(decided)];
  if (view.cancellation) return [context(cancellationText(view))];
  if (view.status === 'expired') return [context('Expired: nobody decided in time.')];
  return [context(statusLabel(view.status))];
}
