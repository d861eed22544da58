import type { ActionHandler } from '../action.ts';
import { readPaging } from '../paging.ts';
import type { SnapshotView } from '../world.ts';
import { readRegionId, refuseDryRun } from './parameter-checks.ts';
import { readSnapshotFilters } from './snapshot-filters.ts';

export const describeSnapshots: ActionHandler = ({ params, world }) => {
  const regionId = readRegionId(params, world);
  const filters = readSnapshotFilters(params, world);
  const paging = readPaging(params, {
    maxResults: { min: 1, max: 100, default: 10 },
    pageSize: { max: 100, default: 10 },
  });
  refuseDryRun(params);
  const { items, fields } = filters.page(world.snapshotsIn(regionId), paging);
  return { ...fields, Snapshots: { Snapshot: items.map(snapshotOnTheWire) } };
};

/** The fields of reference §5.3; unset optional fields are left out, as the real API does. */
export function snapshotOnTheWire(s: SnapshotView): Record<string, unknown> {
  return {
    SnapshotId: s.snapshotId,
    SnapshotName: s.name,
    Description: s.description,
    RegionId: s.regionId,
    Status: s.status,
    Progress: `${s.progress}%`,
    RemainTime: s.remainTimeSeconds,
    CreationTime: s.creationTime,
    LastModifiedTime: s.creationTime,
    SourceDiskId: s.sourceDiskId,
    SourceDiskSize: String(s.sourceDiskSizeGiB),
    SourceDiskType: s.sourceDiskType,
    SourceStorageType: 'disk',
    ...(s.sourceSnapshotId === undefined ? {} : { SourceSnapshotId: s.sourceSnapshotId }),
    ...(s.sourceRegionId === undefined ? {} : { SourceRegionId: s.sourceRegionId }),
    Encrypted: s.encrypted,
    KMSKeyId: s.kmsKeyId ?? '',
    Category: s.category,
    SnapshotType: s.snapshotType,
    InstantAccess: false,
    Available: s.available,
    ...(s.retentionDays === undefined ? {} : { RetentionDays: s.retentionDays }),
    Usage: 'none',
    ResourceGroupId: '',
    ProductCode: '',
    FullSnapshotSizeInBytes: s.fullSizeBytes,
    Tags: { Tag: s.tags.map((tag) => ({ TagKey: tag.key, TagValue: tag.value })) },
  };
}
