import type * as $Ecs from '@alicloud/ecs20140526';
import type { RegionId, Tag } from '../../domain/copy-request.ts';
import type { Disk, Region, Snapshot, SnapshotCategory, SnapshotStatus } from '../cloud-gateway.ts';

type SnapshotModel = $Ecs.DescribeSnapshotsResponseBodySnapshotsSnapshot;
type DiskModel = $Ecs.DescribeDisksResponseBodyDisksDisk;
type RegionModel = $Ecs.DescribeRegionsResponseBodyRegionsRegion;

const STATUSES: readonly SnapshotStatus[] = ['progressing', 'accomplished', 'failed'];
const CATEGORIES: readonly SnapshotCategory[] = ['standard', 'archive', 'flash'];

/** "45%" → 45; anything unreadable counts as not started. */
export function parseProgress(progress: string | undefined): number {
  const value = Number.parseFloat(progress ?? '');
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

function optionalNumber(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T {
  const lower = value?.toLowerCase();
  return allowed.find((candidate) => candidate === lower) ?? fallback;
}

function toTags(models: readonly { tagKey?: string; tagValue?: string }[] | undefined): Tag[] {
  return (models ?? []).map((tag) => ({ key: tag.tagKey ?? '', value: tag.tagValue ?? '' }));
}

export function toSnapshot(model: SnapshotModel, regionId: RegionId): Snapshot {
  return {
    snapshotId: model.snapshotId ?? '',
    regionId: model.regionId ?? regionId,
    name: model.snapshotName ?? '',
    description: model.description ?? '',
    // An unknown status is treated as still running, so nothing is reported finished too early.
    status: oneOf(STATUSES, model.status, 'progressing'),
    progress: parseProgress(model.progress),
    remainTime: model.remainTime,
    category: oneOf(CATEGORIES, model.category, 'standard'),
    encrypted: model.encrypted ?? false,
    kmsKeyId: optionalText(model.KMSKeyId),
    sourceDiskId: optionalText(model.sourceDiskId),
    sourceDiskSizeGiB: optionalNumber(model.sourceDiskSize),
    sourceDiskType: optionalText(model.sourceDiskType),
    fullSizeBytes: optionalNumber(model.fullSnapshotSizeInBytes),
    sourceSnapshotId: optionalText(model.sourceSnapshotId),
    sourceRegionId: optionalText(model.sourceRegionId),
    creationTime: model.creationTime ?? '',
    retentionDays: model.retentionDays,
    tags: toTags(model.tags?.tag),
  };
}

export function toDisk(model: DiskModel, regionId: RegionId): Disk {
  return {
    diskId: model.diskId ?? '',
    regionId: model.regionId ?? regionId,
    name: model.diskName ?? '',
    sizeGiB: model.size ?? 0,
    category: model.category ?? '',
    encrypted: model.encrypted ?? false,
    kmsKeyId: optionalText(model.KMSKeyId),
    status: model.status ?? '',
    ...(optionalText(model.instanceId) ? { instanceId: model.instanceId } : {}),
    ...(model.type === 'system' || model.type === 'data' ? { type: model.type } : {}),
    tags: toTags(model.tags?.tag),
  };
}

export function toRegion(model: RegionModel): Region {
  const regionId = model.regionId ?? '';
  return { regionId, localName: model.localName || regionId };
}
