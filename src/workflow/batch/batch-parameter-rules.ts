/** The refusals a batch's parameters earn on their own, before the selection asks the cloud. */
import { type BatchParameters, itemParameters } from '../../domain/copy-batch.ts';
import type { Refusal } from '../../domain/copy-request.ts';
import { validateParameters } from '../../domain/validate-request.ts';

/** A disk and snapshot of the right shape: the rules of each item's own source come with the selection. */
const SHAPED_ITEM = { diskId: 'd-0000000000', sourceSnapshotId: 's-0000000000' };

export function batchParameterRefusals(parameters: BatchParameters): Refusal[] {
  return validateParameters(itemParameters(parameters, SHAPED_ITEM)).filter(
    (refusal) => refusal.field !== 'sourceSnapshotId',
  );
}
