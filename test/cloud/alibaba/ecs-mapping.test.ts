import * as $Ecs from '@alicloud/ecs20140526';
import { describe, expect, it } from 'vitest';
import { parseProgress, toSnapshot } from '../../../src/cloud/alibaba/ecs-mapping.ts';

describe('toSnapshot', () => {
  it('turns the API strings into numbers and plain tags', () => {
    const model = new $Ecs.DescribeSnapshotsResponseBodySnapshotsSnapshot({
      snapshotId: 's-copy1',
      snapshotName: 'nightly',
      status: 'progressing',
      progress: '45%',
      remainTime: 38,
      category: 'standard',
      encrypted: true,
      KMSKeyId: 'key-1',
      sourceDiskId: 'd-1',
      sourceDiskSize: '40',
      fullSnapshotSizeInBytes: 65_535,
      sourceSnapshotId: 's-orig',
      sourceRegionId: 'cn-hangzhou',
      creationTime: '2026-11-25T10:00:00Z',
      tags: { tag: [{ tagKey: 'env', tagValue: 'prod' }] },
    });
    expect(toSnapshot(model, 'cn-shanghai')).toMatchObject({
      snapshotId: 's-copy1',
      regionId: 'cn-shanghai',
      progress: 45,
      remainTime: 38,
      sourceDiskSizeGiB: 40,
      fullSizeBytes: 65_535,
      sourceRegionId: 'cn-hangzhou',
      tags: [{ key: 'env', value: 'prod' }],
    });
  });

  it('reads an unknown status as still running', () => {
    const model = new $Ecs.DescribeSnapshotsResponseBodySnapshotsSnapshot({
      snapshotId: 's-1',
      status: 'weird',
    });
    expect(toSnapshot(model, 'cn-hangzhou').status).toBe('progressing');
  });
});

describe('parseProgress', () => {
  it.each([
    ['0%', 0],
    ['100%', 100],
    ['7.5%', 7.5],
    [undefined, 0],
    ['', 0],
  ])('%s → %d', (text, value) => {
    expect(parseProgress(text)).toBe(value);
  });
});
