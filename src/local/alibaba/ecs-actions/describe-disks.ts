import type { ActionHandler } from '../action.ts';
import { ApiError } from '../api-error.ts';
import { formatTimestamp } from '../clock.ts';
import { readPaging } from '../paging.ts';
import type { Disk } from '../world.ts';
import { Filters } from './filters.ts';
import { readChoice, readRegionId, refuseDryRun } from './parameter-checks.ts';
import { readTagFilters } from './tag-filters.ts';

export const describeDisks: ActionHandler = ({ params, world }) => {
  const regionId = readRegionId(params, world);
  const filters = new Filters<Disk>();
  const add = filters.when.bind(filters);
  const ids = params.jsonIdList(
    'DiskIds',
    100,
    new ApiError(403, 'InvalidDiskIds.Malformed', 'The amount of specified disk Ids exceeds the limit.'),
  );
  add(ids && new Set(ids), (disk, set) => set.has(disk.diskId));
  add(params.string('InstanceId', 64), (disk, id) => disk.instanceId === id);
  add(params.string('DiskName', 128), (disk, name) => disk.name === name);
  add(params.string('Category', 64), (disk, category) => disk.category === category);
  add(params.string('KMSKeyId', 2048), (disk, keyId) => disk.kmsKeyId === keyId);
  add(params.boolean('Encrypted'), (disk, encrypted) => disk.encrypted === encrypted);
  const type = readChoice(
    params,
    'DiskType',
    ['all', 'system', 'data'],
    () => new ApiError(400, 'InvalidDiskType.ValueNotSupported', 'The specified DiskType is not supported.'),
  );
  add(type === 'all' ? undefined : type, (disk, wanted) => disk.type === wanted);
  const status = params.string('Status', 64);
  add(status === 'All' ? undefined : status, (disk, wanted) => disk.status === wanted);
  filters.add(...readTagFilters(params, (disk: Disk) => disk.tags));
  const paging = readPaging(params, {
    maxResults: { min: 10, max: 500, default: 10 },
    pageSize: { max: 100, default: 10 },
  });
  refuseDryRun(params);
  const { items, fields } = filters.page(world.disksIn(regionId), paging);
  return { ...fields, Disks: { Disk: items.map(diskOnTheWire) } };
};

function diskOnTheWire(disk: Disk): Record<string, unknown> {
  const attached = disk.instanceId !== undefined;
  return {
    DiskId: disk.diskId,
    DiskName: disk.name,
    RegionId: disk.regionId,
    ZoneId: disk.zoneId,
    Size: disk.sizeGiB,
    Category: disk.category,
    Type: disk.type,
    Status: disk.status,
    Encrypted: disk.encrypted,
    KMSKeyId: disk.kmsKeyId ?? '',
    InstanceId: disk.instanceId ?? '',
    Device: attached ? (disk.type === 'system' ? '/dev/xvda' : '/dev/xvdb') : '',
    PerformanceLevel: disk.category === 'cloud_essd' ? 'PL1' : '',
    CreationTime: formatTimestamp(disk.creationTime),
    Portable: disk.type === 'data',
    DeleteWithInstance: disk.type === 'system',
    SourceSnapshotId: '',
    ResourceGroupId: '',
    Tags: { Tag: disk.tags.map((tag) => ({ TagKey: tag.key, TagValue: tag.value })) },
    Attachments: {
      Attachment: attached
        ? [{ InstanceId: disk.instanceId, Device: disk.type === 'system' ? '/dev/xvda' : '/dev/xvdb' }]
        : [],
    },
    OperationLocks: { OperationLock: [] },
  };
}
