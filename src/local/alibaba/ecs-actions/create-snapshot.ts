import type { ActionHandler } from '../action.ts';
import { ApiError } from '../api-error.ts';
import { transferDurationMs } from '../copy-billing.ts';
import { ClientTokens } from '../idempotency.ts';
import { readDescription, readRetentionDays, readSnapshotName, readTags } from '../snapshot-attributes.ts';
import { runningTimeline } from '../snapshot-lifecycle.ts';
import { readChoice } from './parameter-checks.ts';

const GiB = 2 ** 30;
/** A new snapshot of a disk holds about this share of the disk's size; enough for demos and estimates. */
const USED_SHARE = 0.5;

/** For seeding demos: a snapshot of a disk, created in the disk's region and progressing for a while. */
export const createSnapshot: ActionHandler = ({ params, world, clock, clientTokens }) => {
  const diskId = params.required('DiskId', 64);
  const name = readSnapshotName(params, 'SnapshotName') ?? '';
  const description = readDescription(params, 'Description') ?? '';
  const retentionDays = readRetentionDays(params);
  const tags = readTags(params);
  const category = readChoice(
    params,
    'Category',
    ['standard', 'flash'],
    () => new ApiError(403, 'InvalidSnapshotCategory.Malformed', 'The specified Category is not valid.'),
  );
  const token = ClientTokens.read(params);
  const earlier = token === undefined ? undefined : clientTokens.recall('CreateSnapshot', token, params);
  if (earlier !== undefined) return { SnapshotId: earlier };
  const disk = world.disk(diskId);
  if (!disk) throw new ApiError(404, 'InvalidDiskId.NotFound', 'The specified disk does not exist.');
  const now = clock.now();
  const sizeGiB = disk.sizeGiB * USED_SHARE;
  const snapshot = world.addSnapshot({
    regionId: disk.regionId,
    name,
    description,
    category: category === 'flash' ? 'flash' : 'standard',
    snapshotType: 'user',
    sourceDiskId: disk.diskId,
    sourceDiskSizeGiB: disk.sizeGiB,
    sourceDiskType: disk.type,
    encrypted: disk.encrypted,
    kmsKeyId: disk.kmsKeyId,
    fullSizeBytes: Math.round(sizeGiB * GiB),
    creationTime: now,
    retentionDays,
    tags,
    timeline: runningTimeline(now, transferDurationMs(sizeGiB, world.copyGiBPerMinute)),
  });
  if (token !== undefined) clientTokens.remember('CreateSnapshot', token, params, snapshot.snapshotId);
  return { SnapshotId: snapshot.snapshotId };
};
