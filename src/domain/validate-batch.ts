/**
 * The refusals of a batch's parameters alone, no cloud call: its selector, and the rules of
 * validateParameters on the copy each item would become. Which snapshots those are is not known
 * until the disks are found, so the snapshot ID is left empty and its refusal is not the batch's.
 */
import { type BatchField, type BatchParameters, itemParameters } from './copy-batch.ts';
import type { CopyParameters, Refusal } from './copy-request.ts';
import { validateParameters } from './validate-request.ts';
import { validateSelector } from './validation/selector-rules.ts';

/** ECS disk IDs are 22 characters; the representative name is as long as a real item's. */
const REPRESENTATIVE_DISK_ID = 'd-0000000000000000000';

/** The copy an item of the batch would become, before its snapshot is known. */
export function representativeItem(batch: BatchParameters): CopyParameters {
  return itemParameters(batch, { diskId: REPRESENTATIVE_DISK_ID, sourceSnapshotId: '' });
}

export function validateBatchParameters(batch: BatchParameters): Refusal<BatchField>[] {
  return [
    ...validateSelector(batch.selector),
    ...validateParameters(representativeItem(batch)).filter(
      (refusal) => refusal.field !== 'sourceSnapshotId',
    ),
  ];
}
