/**
 * The buttons that act on a request or a batch; their value names it (a batch's Approve also the
 * selection shown), and the service re-checks everything on click.
 */
import type { types } from '@slack/bolt';
import { FINAL_STATUSES, type RequestStatus } from '../../workflow/request-view.ts';
import { batchApprovalValue } from '../batch-click-value.ts';
import {
  APPROVE_ACTION_ID,
  APPROVE_BATCH_ACTION_ID,
  CANCEL_ACTION_ID,
  CANCEL_BATCH_ACTION_ID,
  REJECT_ACTION_ID,
  REJECT_BATCH_ACTION_ID,
} from '../slack-ids.ts';
import { LIMITS, plainText } from './slack-text.ts';

export function isOpen(status: RequestStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

export function cancelButton(requestId: string): types.Button {
  return confirmedCancel(
    CANCEL_ACTION_ID,
    requestId,
    'Cancel request',
    'If the copy is running, the partial snapshot is deleted. A copy that has already finished is kept.',
  );
}

export function cancelBatchButton(batchId: string): types.Button {
  return confirmedCancel(
    CANCEL_BATCH_ACTION_ID,
    batchId,
    'Cancel batch',
    'Queued copies do not start, copies in progress are deleted; copies that have already finished are kept.',
  );
}

function confirmedCancel(actionId: string, value: string, label: string, consequence: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    value,
    text: plainText(label, LIMITS.buttonText),
    confirm: {
      title: plainText('Cancel this copy?', LIMITS.confirmTitle),
      text: { type: 'mrkdwn', text: consequence },
      confirm: plainText('Cancel the copy', LIMITS.confirmButton),
      deny: plainText('Keep it', LIMITS.confirmButton),
      style: 'danger',
    },
  };
}

export function decisionButtons(requestId: string): types.Button[] {
  return decisionPair(APPROVE_ACTION_ID, requestId, REJECT_ACTION_ID, requestId);
}

/** Approve is bound to the selection shown: a changed selection refuses it (`selectionChanged`). */
export function batchDecisionButtons(batchId: string, digest: string): types.Button[] {
  return decisionPair(
    APPROVE_BATCH_ACTION_ID,
    batchApprovalValue(batchId, digest),
    REJECT_BATCH_ACTION_ID,
    batchId,
  );
}

function decisionPair(approveId: string, approveValue: string, rejectId: string, rejectValue: string) {
  const approve: types.Button = {
    type: 'button',
    action_id: approveId,
    value: approveValue,
    style: 'primary',
    text: plainText('Approve', LIMITS.buttonText),
  };
  const reject: types.Button = {
    type: 'button',
    action_id: rejectId,
    value: rejectValue,
    style: 'danger',
    text: plainText('Reject', LIMITS.buttonText),
  };
  return [approve, reject];
}

export function actions(blockId: string, elements: types.Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}
