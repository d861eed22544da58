import type { ActionHandler } from '../action.ts';
import { ApiError } from '../api-error.ts';
import { formatTimestamp } from '../clock.ts';
import { readPaging, takePage } from '../paging.ts';
import type { Disk } from '../world.ts';
import { readChoice, readRegionId, refuseDryRun } from './parameter-checks.ts';

type DiskFilter = (disk: Disk) => boolean;

export const describeDisks: ActionHandler = ({ params, world }) => {
  const regionId = readRegionId(params, world);
  const filters: DiskFilter[] = [];
  const add = <T>(value: T | undefined, test: (disk: Disk, value: T) => boolean) => {
    if (value !== undefined) filters.push((disk) => test(disk, value));
  };
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
  const paging = readPaging(params, {
    maxResults: { min: 10, max: 500, default: 10 },
    pageSize: { max: 100, default: 10 },
  });
  refuseDryRun(params);
  const matches = world.disksIn(regionId).filter((disk) => filters.every((keep) => keep(disk)));
  const { items, fields } = takePage(matches, paging);
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
    Tags: { Tag: [] },
    Attachments: {
      Attachment: attached
        ? [{ InstanceId: disk.instanceId, Device: disk.type === 'system' ? '/dev/xvda' : '/dev/xvdb' }]
        : [],
    },
    OperationLocks: { OperationLock: [] },
  };
}
