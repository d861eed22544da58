import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/cloud/cloud-gateway.ts';
import { selectLatestSnapshots } from '../../src/domain/batch-selection.ts';
import { buildDisk, buildSnapshot } from './request-builders.ts';

const DISK = buildDisk({ diskId: 'd-bp1orders', name: 'orders' });

function snapshotOf(snapshotId: string, creationTime: string, overrides: Partial<Snapshot> = {}): Snapshot {
  return buildSnapshot({ snapshotId, sourceDiskId: DISK.diskId, creationTime, ...overrides });
}

function refusalOf(snapshots: Snapshot[]) {
  const { picked, refused } = selectLatestSnapshots([DISK], snapshots, 'instance');
  expect(picked).toEqual([]);
  expect(refused).toHaveLength(1);
  return refused[0];
}

describe('selectLatestSnapshots', () => {
  it('picks the newest finished snapshot of each disk', () => {
    const { picked, refused } = selectLatestSnapshots(
      [DISK],
      [
        snapshotOf('s-older', '2026-12-01T02:00:00Z'),
        snapshotOf('s-newest', '2026-12-06T02:00:00Z'),
        snapshotOf('s-middle', '2026-12-03T02:00:00Z'),
      ],
      'instance',
    );
    expect(refused).toEqual([]);
    expect(picked.map(({ disk, snapshot }) => [disk.diskId, snapshot.snapshotId])).toEqual([
      ['d-bp1orders', 's-newest'],
    ]);
  });

  it('prefers an older finished snapshot to a newer one still being created or failed', () => {
    const { picked } = selectLatestSnapshots(
      [DISK],
      [
        snapshotOf('s-finished', '2026-12-01T02:00:00Z'),
        snapshotOf('s-running', '2026-12-06T02:00:00Z', { status: 'progressing', progress: 40 }),
        snapshotOf('s-broken', '2026-12-05T02:00:00Z', { status: 'failed' }),
      ],
      'instance',
    );
    expect(picked.map(({ snapshot }) => snapshot.snapshotId)).toEqual(['s-finished']);
  });

  it('never picks a copy of the disk’s snapshot, even a newer one made in the same region', () => {
    const { picked } = selectLatestSnapshots(
      [DISK],
      [
        snapshotOf('s-original', '2026-12-01T02:00:00Z'),
        snapshotOf('s-copy', '2026-12-06T02:00:00Z', {
          sourceSnapshotId: 's-original',
          sourceRegionId: 'cn-hangzhou',
        }),
      ],
      'instance',
    );
    expect(picked.map(({ snapshot }) => snapshot.snapshotId)).toEqual(['s-original']);
  });

  it('ignores snapshots of other disks', () => {
    const refusal = refusalOf([buildSnapshot({ snapshotId: 's-other', sourceDiskId: 'd-bp1elsewhere' })]);
    expect(refusal?.code).toBe('sourceSnapshotId.none');
  });

  it('refuses a disk without a snapshot, naming the disk and what to do', () => {
    expect(refusalOf([])).toEqual({
      diskId: 'd-bp1orders',
      diskName: 'orders',
      code: 'sourceSnapshotId.none',
      message: expect.stringMatching(/orders \(d-bp1orders\) has no snapshot.*Take a snapshot/),
    });
  });

  it('refuses a disk whose only snapshot is still being created', () => {
    const refusal = refusalOf([
      snapshotOf('s-running', '2026-12-06T02:00:00Z', { status: 'progressing', progress: 40 }),
    ]);
    expect(refusal).toMatchObject({ code: 'sourceSnapshotId.notReady', snapshotId: 's-running' });
    expect(refusal?.message).toMatch(/still being created \(40%\)\. Wait until it is finished/);
  });

  it('refuses a disk whose snapshots all failed', () => {
    const refusal = refusalOf([
      snapshotOf('s-broken-1', '2026-12-01T02:00:00Z', { status: 'failed' }),
      snapshotOf('s-broken-2', '2026-12-02T02:00:00Z', { status: 'failed' }),
    ]);
    expect(refusal).toMatchObject({ code: 'sourceSnapshotId.failed', snapshotId: 's-broken-2' });
    expect(refusal?.message).toMatch(/Take a new snapshot/);
  });

  it('refuses a disk whose newest finished snapshot is archived instead of falling back to an older one', () => {
    const refusal = refusalOf([
      snapshotOf('s-standard', '2026-12-01T02:00:00Z'),
      snapshotOf('s-archived', '2026-12-04T02:00:00Z', { category: 'archive' }),
    ]);
    expect(refusal).toMatchObject({ code: 'sourceSnapshotId.archived', snapshotId: 's-archived' });
    expect(refusal?.message).toMatch(/archived snapshots must be restored before they can be copied/);
  });

  it('orders an instance’s disks system disk first, then by disk ID, and tagged disks by disk ID', () => {
    const disks = [
      buildDisk({ diskId: 'd-c', type: 'data' }),
      buildDisk({ diskId: 'd-z', type: 'system' }),
      buildDisk({ diskId: 'd-a', type: 'data' }),
    ];
    const snapshots = disks.map((disk) =>
      buildSnapshot({ snapshotId: `s-${disk.diskId}`, sourceDiskId: disk.diskId }),
    );
    const order = (kind: 'instance' | 'tags') =>
      selectLatestSnapshots(disks, snapshots, kind).picked.map(({ disk }) => disk.diskId);
    expect(order('instance')).toEqual(['d-z', 'd-a', 'd-c']);
    expect(order('tags')).toEqual(['d-a', 'd-c', 'd-z']);
    const refusedOrder = selectLatestSnapshots(disks, [], 'instance').refused.map(
      (refusal) => refusal.diskId,
    );
    expect(refusedOrder).toEqual(['d-z', 'd-a', 'd-c']);
  });
});
