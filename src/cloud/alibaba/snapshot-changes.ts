import * as $Ecs from '@alicloud/ecs20140526';
import type { RegionId } from '../../domain/copy-request.ts';
import { isCloudError } from '../cloud-error.ts';
import type { CloudCallResult, CopySnapshotCall } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';

/**
 * The request is built once, so every retry sends the same ClientToken and the API hands back
 * the same copy instead of starting a second one.
 */
export async function copySnapshot(
  context: CloudContext,
  call: CopySnapshotCall,
): Promise<CloudCallResult & { snapshotId: string }> {
  const request = new $Ecs.CopySnapshotRequest({
    regionId: call.sourceRegionId,
    snapshotId: call.sourceSnapshotId,
    destinationRegionId: call.destinationRegionId,
    destinationSnapshotName: call.name,
    destinationSnapshotDescription: call.description,
    retentionDays: call.retentionDays,
    // Left unset for a standard copy, as the API documents it, rather than sent as false.
    encrypted: call.encrypted || undefined,
    KMSKeyId: call.kmsKeyId,
    tag: call.tags.length > 0 ? call.tags.map((tag) => new $Ecs.CopySnapshotRequestTag(tag)) : undefined,
    clientToken: call.clientToken,
  });
  const response = await context.call('CopySnapshot', () =>
    context.ecs(call.sourceRegionId).copySnapshot(request),
  );
  return { requestId: response.body?.requestId ?? '', snapshotId: response.body?.snapshotId ?? '' };
}

/**
 * DeleteSnapshot has no RegionId: the region's endpoint decides where it applies. Deleting a copy
 * in progress cancels it. A snapshot that is already gone (including one deleted by an attempt
 * whose reply was lost) counts as deleted, which also makes the retry safe.
 */
export async function deleteSnapshot(
  context: CloudContext,
  regionId: RegionId,
  snapshotId: string,
): Promise<CloudCallResult & { alreadyGone: boolean }> {
  const request = new $Ecs.DeleteSnapshotRequest({ snapshotId });
  try {
    const response = await context.call('DeleteSnapshot', () =>
      context.ecs(regionId).deleteSnapshot(request),
    );
    return { requestId: response.body?.requestId ?? '', alreadyGone: false };
  } catch (error) {
    if (isCloudError(error) && error.code === 'InvalidSnapshotId.NotFound') {
      return { requestId: error.requestId ?? '', alreadyGone: true };
    }
    throw error;
  }
}
