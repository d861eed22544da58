/** The small modal that asks an approver why they reject a request (a reason is required). */
import type { types } from '@slack/bolt';
import { REJECT_MODAL_CALLBACK_ID, REJECT_REASON_INPUT } from '../slack-ids.ts';
import { LIMITS, plainText, section } from './slack-text.ts';

export interface RejectModalMetadata {
  requestId: string;
  /** Where the Reject button was clicked, for private replies. */
  channelId?: string;
  fromHome: boolean;
}

export function buildRejectModal(metadata: RejectModalMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: REJECT_MODAL_CALLBACK_ID,
    title: plainText('Reject request', LIMITS.modalTitle),
    submit: plainText('Reject', LIMITS.modalButton),
    close: plainText('Back', LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`Reject snapshot copy *${metadata.requestId}*? The requester sees your reason.`),
      {
        type: 'input',
        block_id: REJECT_REASON_INPUT.blockId,
        label: plainText('Reason', LIMITS.label),
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_INPUT.actionId,
          multiline: true,
          max_length: 1000,
          placeholder: plainText(
            'e.g. copy to ap-southeast-1 instead; that is our DR region',
            LIMITS.placeholder,
          ),
        },
      },
    ],
  };
}

export function readRejectModalMetadata(privateMetadata: unknown): RejectModalMetadata | undefined {
  if (typeof privateMetadata !== 'string') return undefined;
  try {
    const parsed = JSON.parse(privateMetadata) as Partial<RejectModalMetadata> | null;
    if (!parsed || typeof parsed.requestId !== 'string') return undefined;
    return {
      requestId: parsed.requestId,
      ...(typeof parsed.channelId === 'string' ? { channelId: parsed.channelId } : {}),
      fromHome: parsed.fromHome === true,
    };
  } catch {
    return undefined;
  }
}
