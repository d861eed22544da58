/**
 * The DescribeSnapshots filters (reference §5.3) and their documented errors (§7.2).
 * Filters combine with logical AND.
 */
import { ApiError } from '../api-error.ts';
import type { RequestParams } from '../request-params.ts';
import type { SnapshotView, World } from '../world.ts';
import { Filters } from './filters.ts';
import { readChoice } from './parameter-checks.ts';
import { readTagFilters } from './tag-filters.ts';

type SnapshotFilter = (snapshot: SnapshotView) => boolean;

export function readSnapshotFilters(params: RequestParams, world: World): Filters<SnapshotView> {
  const filters = new Filters<SnapshotView>();
  const add = filters.when.bind(filters);
  const ids = params.jsonIdList(
    'SnapshotIds',
    100,
    new ApiError(
      403,
      'InvalidSnapshotIds.Malformed',
      'The amount of specified specified snapshot Ids exceeds the limit.',
    ),
  );
  add(ids && new Set(ids), (s, set) => set.has(s.snapshotId));
  add(params.string('DiskId', 64), (s, diskId) => s.sourceDiskId === diskId);
  add(params.string('InstanceId', 64), (s, id) => world.disk(s.sourceDiskId)?.instanceId === id);
  add(params.string('SnapshotName', 128), (s, name) => s.name === name);
  add(params.string('KMSKeyId', 2048), (s, keyId) => s.kmsKeyId === keyId);
  add(params.boolean('Encrypted'), (s, encrypted) => s.encrypted === encrypted);
  const status = readChoice(params, 'Status', ['progressing', 'accomplished', 'failed', 'all'], () =>
    notFound('InvalidStatus.NotFound', 'The specified Status is not valid.'),
  );
  add(status === 'all' ? undefined : status, (s, wanted) => s.status === wanted);
  const type = readChoice(params, 'SnapshotType', ['auto', 'user', 'all'], () =>
    notFound('InvalidSnapshotType.NotFound', 'The specified SnapshotType is not valid.'),
  );
  add(type === 'all' ? undefined : type, (s, wanted) => s.snapshotType === wanted);
  const category = readChoice(
    params,
    'Category',
    ['standard', 'flash', 'archive'],
    () => new ApiError(403, 'InvalidSnapshotCategory.Malformed', 'The specified Category is not valid.'),
  );
  add(category, (s, wanted) => s.category === wanted);
  const diskType = readChoice(params, 'SourceDiskType', ['system', 'data'], () =>
    notFound('InvalidSourceDiskType', 'The specified SourceDiskType is not valid.'),
  );
  add(diskType, (s, wanted) => s.sourceDiskType === wanted);
  // The stand-in has no images or disks made from snapshots, so every snapshot's usage is "none".
  const usage = readChoice(params, 'Usage', ['image', 'disk', 'image_disk', 'none'], () =>
    notFound('InvalidUsage', 'The specified Usage is not valid.'),
  );
  add(usage, (_s, wanted) => wanted === 'none');
  return filters.add(
    ...readTagFilters(params, (s: SnapshotView) => s.tags),
    ...readCreationTimeFilters(params),
  );
}

function readCreationTimeFilters(params: RequestParams): SnapshotFilter[] {
  return params.indexed('Filter').map(({ fields }) => {
    const key = fields.get('Key');
    if (key !== 'CreationStartTime' && key !== 'CreationEndTime') {
      throw notFound('InvalidFilterKey.NotFound', 'The specified Filter.n.Key is not valid.');
    }
    const raw = fields.get('Value') ?? '';
    const bound = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(raw) ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(bound))
      throw notFound('InvalidFilterValue', 'The specified Filter.n.Value is not valid.');
    return key === 'CreationStartTime'
      ? (s: SnapshotView) => Date.parse(s.creationTime) >= bound
      : (s: SnapshotView) => Date.parse(s.creationTime) <= bound;
  });
}

function notFound(code: string, message: string): ApiError {
  return new ApiError(404, code, message);
}
