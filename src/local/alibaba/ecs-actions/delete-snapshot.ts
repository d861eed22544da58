import type { ActionHandler } from '../action.ts';
import { ApiError } from '../api-error.ts';

/**
 * DeleteSnapshot has no RegionId: the snapshot is found by ID in any region. On a copy that is still
 * progressing it cancels the copy. An unknown ID is a 404 (the documented code; see the reference's
 * open question on whether the real API ignores it).
 */
export const deleteSnapshot: ActionHandler = ({ params, world }) => {
  const snapshotId = params.required('SnapshotId', 64);
  params.boolean('Force');
  if (!world.deleteSnapshot(snapshotId)) {
    throw new ApiError(404, 'InvalidSnapshotId.NotFound', 'The specified snapshot is not found.');
  }
  return {};
};
