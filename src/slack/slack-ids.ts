/**
 * Every Slack identifier snapcopy sends or listens for, defined once. Block IDs of the request
 * modal are keyed by the request field they edit, so a Refusal's field finds its input block.
 */
import type { RequestField } from '../domain/copy-request.ts';

export const SNAPCOPY_COMMAND = '/snapcopy';

export const REQUEST_MODAL_CALLBACK_ID = 'snapcopy_request';
export const REJECT_MODAL_CALLBACK_ID = 'snapcopy_reject';

export interface InputId {
  blockId: string;
  actionId: string;
}

export const REQUEST_FIELD_INPUTS: Record<RequestField, InputId> = {
  sourceRegionId: { blockId: 'source_region', actionId: 'source_region_select' },
  sourceSnapshotId: { blockId: 'source_snapshot', actionId: 'source_snapshot_select' },
  destinationRegionId: { blockId: 'destination_region', actionId: 'destination_region_select' },
  copyType: { blockId: 'copy_type', actionId: 'copy_type_radio' },
  key: { blockId: 'key', actionId: 'key_select' },
  name: { blockId: 'name', actionId: 'name_input' },
  description: { blockId: 'description', actionId: 'description_input' },
  tags: { blockId: 'tags', actionId: 'tags_input' },
  retentionDays: { blockId: 'retention_days', actionId: 'retention_days_input' },
  reason: { blockId: 'reason', actionId: 'reason_input' },
};

/** What the request modal copies: one snapshot, or a batch found by a selector. */
export const COPY_MODE_INPUT: InputId = { blockId: 'copy_mode', actionId: 'copy_mode_radio' };
export const COPY_MODES = ['snapshot', 'instance', 'tags'] as const;
export type CopyMode = (typeof COPY_MODES)[number];

/** The selector's input in each batch mode; a refusal of the `selector` goes to whichever is shown. */
export const SELECTOR_INPUTS: Record<Exclude<CopyMode, 'snapshot'>, InputId> = {
  instance: { blockId: 'selector_instance', actionId: 'selector_instance_input' },
  tags: { blockId: 'selector_tags', actionId: 'selector_tags_input' },
};

export const REJECT_REASON_INPUT: InputId = { blockId: 'reject_reason', actionId: 'reject_reason_input' };

/** Buttons on the card, the approval message and the App Home; their value is the request ID. */
export const APPROVE_ACTION_ID = 'snapcopy_approve';
export const REJECT_ACTION_ID = 'snapcopy_reject';
export const CANCEL_ACTION_ID = 'snapcopy_cancel';

/**
 * The same buttons on a batch's card, approval message and App Home entry. Approve carries
 * `${batchId}:${digest}`, the selection the approver was shown; Reject and Cancel the batch ID.
 */
export const APPROVE_BATCH_ACTION_ID = 'snapcopy_batch_approve';
export const REJECT_BATCH_ACTION_ID = 'snapcopy_batch_reject';
export const CANCEL_BATCH_ACTION_ID = 'snapcopy_batch_cancel';

/** Tags messages so a lost delivery receipt can be recovered from the channel (never a second post). */
export const NOTIFICATION_EVENT_TYPE = 'snapcopy_notification';

/** Values of the key picker. */
export const DEFAULT_SERVICE_KEY_OPTION = 'default';
export const CMK_OPTION_PREFIX = 'cmk:';
