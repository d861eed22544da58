/** The buttons that act on a request; their value is the request ID, re-checked by the service on click. */
import type { types } from '@slack/bolt';
import { FINAL_STATUSES, type RequestStatus } from '../../workflow/request-view.ts';
import { APPROVE_ACTION_ID, CANCEL_ACTION_ID, REJECT_ACTION_ID } from '../slack-ids.ts';
import { LIMITS, plainText } from './slack-text.ts';

export function isOpen(status: RequestStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

export function cancelButton(requestId: string): types.Button {
  return {
    type: 'button',
    action_id: CANCEL_ACTION_ID,
    value: requestId,
    text: plainText('Cancel request', LIMITS.buttonText),
    confirm: {
      title: plainText('Cancel this copy?', LIMITS.confirmTitle),
      text: {
        type: 'mrkdwn',
        text: 'If the copy is running, the partial snapshot is deleted. A copy that has already finished is kept.',
      },
      confirm: plainText('Cancel the copy', LIMITS.confirmButton),
      deny: plainText('Keep it', LIMITS.confirmButton),
      style: 'danger',
    },
  };
}

export function decisionButtons(requestId: string): types.Button[] {
  return [
    {
      type: 'button',
      action_id: APPROVE_ACTION_ID,
      value: requestId,
      style: 'primary',
      text: plainText('Approve', LIMITS.buttonText),
    },
    {
      type: 'button',
      action_id: REJECT_ACTION_ID,
      value: requestId,
      style: 'danger',
      text: plainText('Reject', LIMITS.buttonText),
    },
  ];
}

export function actions(blockId: string, elements: types.Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}
