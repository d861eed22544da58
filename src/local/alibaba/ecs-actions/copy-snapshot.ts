import type { ActionHandler } from '../action.ts';
import { billedSizeGiB, transferDurationMs } from '../copy-billing.ts';
import { checkCopyRules, readCopyRequest } from '../copy-rules.ts';
import { ClientTokens } from '../idempotency.ts';
import { runningTimeline } from '../snapshot-lifecycle.ts';

/** A copy appears in the destination region at once, progressing; the source's tags and retention stay behind. */
export const copySnapshot: ActionHandler = ({ params, world, clock, clientTokens }) => {
  const request = readCopyRequest(params);
  const token = ClientTokens.read(params);
  const earlier = token === undefined ? undefined : clientTokens.recall('CopySnapshot', token, params);
  if (earlier !== undefined) return { SnapshotId: earlier };
  const { source, key } = checkCopyRules(request, world);
  const billedGiB = billedSizeGiB(source, world.snapshotsIn(request.destinationRegionId), key?.keyId);
  const now = clock.now();
  const copy = world.addSnapshot({
    regionId: request.destinationRegionId,
    name: request.name,
    description: request.description,
    category: 'standard',
    snapshotType: 'user',
    sourceDiskId: source.sourceDiskId,
    sourceDiskSizeGiB: source.sourceDiskSizeGiB,
    sourceDiskType: source.sourceDiskType,
    encrypted: request.encrypted,
    kmsKeyId: key?.keyId,
    fullSizeBytes: source.fullSizeBytes,
    creationTime: now,
    retentionDays: request.retentionDays,
    tags: request.tags,
    sourceSnapshotId: source.snapshotId,
    sourceRegionId: source.regionId,
    timeline: runningTimeline(now, transferDurationMs(billedGiB, world.copyGiBPerMinute)),
  });
  if (token !== undefined) clientTokens.remember('CopySnapshot', token, params, copy.snapshotId);
  return { SnapshotId: copy.snapshotId };
};
