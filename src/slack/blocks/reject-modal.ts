/** The small modal that asks an approver why they reject a request or a batch (a reason is required). */
import type { types } from '@slack/bolt';
import { REJECT_MODAL_CALLBACK_ID, REJECT_REASON_INPUT } from '../slack-ids.ts';
import { LIMITS, plainText, section } from './slack-text.ts';

/** What is rejected: one request, or a batch with all of its snapshots. */
export interface RejectSubject {
  kind: 'request' | 'batch';
  id: string;
}

export interface RejectModalMetadata {
  subject: RejectSubject;
  /** Where the Reject button was clicked, for private replies. */
  channelId?: string;
  fromHome: boolean;
}

export function buildRejectModal(metadata: RejectModalMetadata): types.ModalView {
  const { subject, ...rest } = metadata;
  const batch = subject.kind === 'batch';
  // A request's modal keeps the `requestId` key it always had, so modals open across a deploy still work.
  const encoded = { ...(batch ? { batchId: subject.id } : { requestId: subject.id }), ...rest };
  return {
    type: 'modal',
    callback_id: REJECT_MODAL_CALLBACK_ID,
    title: plainText(batch ? 'Reject batch' : 'Reject request', LIMITS.modalTitle),
    submit: plainText('Reject', LIMITS.modalButton),
    close: plainText('Back', LIMITS.modalButton),
    private_metadata: JSON.stringify(encoded),
    blocks: [
      section(
        `Reject ${batch ? 'batch copy' : 'snapshot copy'} *${subject.id}*? The requester sees your reason.`,
      ),
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
    const parsed = JSON.parse(privateMetadata) as {
      requestId?: unknown;
      batchId?: unknown;
      channelId?: unknown;
      fromHome?: unknown;
    } | null;
    const subject: RejectSubject | undefined =
      typeof parsed?.batchId === 'string'
        ? { kind: 'batch', id: parsed.batchId }
        : typeof parsed?.requestId === 'string'
          ? { kind: 'request', id: parsed.requestId }
          : undefined;
    if (!parsed || !subject) return undefined;
    return {
      subject,
      ...(typeof parsed.channelId === 'string' ? { channelId: parsed.channelId } : {}),
      fromHome: parsed.fromHome === true,
    };
  } catch {
    return undefined;
  }
}
