/**
 * A stand-in world for batches: one instance in cn-hangzhou with `disks` disks (each with one
 * finished snapshot) plus one disk without any snapshot, which the selection refuses up front.
 */
import type { BatchParameters } from '../../../src/domain/copy-batch.ts';

export const BATCH_SOURCE = 'cn-hangzhou';
export const BATCH_DESTINATION = 'ap-southeast-1';
export const BATCH_INSTANCE = 'i-bp1batch00000000001';
export const UNSNAPSHOTTED_DISK = 'd-bp1batch0000nosnap0';

export const diskIdOf = (i: number) => `d-bp1batch0000disk${String(i).padStart(3, '0')}`;
export const snapshotIdOf = (i: number) => `s-bp1batch0000snap${String(i).padStart(3, '0')}`;

/** 60 GiB disks whose snapshots hold 30 GiB: each copy takes 30 s at 60 GiB a minute. */
export function batchWorld(disks: number) {
  return {
    accountId: '5123456789012345',
    copyGiBPerMinute: 60,
    regions: [
      { regionId: BATCH_SOURCE, localName: 'China (Hangzhou)' },
      { regionId: BATCH_DESTINATION, localName: 'Singapore' },
    ],
    disks: [
      ...Array.from({ length: disks }, (_, i) => ({
        diskId: diskIdOf(i),
        regionId: BATCH_SOURCE,
        sizeGiB: 60,
        instanceId: BATCH_INSTANCE,
        tags: { app: 'batch' },
      })),
      {
        diskId: UNSNAPSHOTTED_DISK,
        regionId: BATCH_SOURCE,
        sizeGiB: 20,
        instanceId: BATCH_INSTANCE,
        tags: {},
      },
    ],
    keys: [],
    snapshots: Array.from({ length: disks }, (_, i) => ({
      snapshotId: snapshotIdOf(i),
      regionId: BATCH_SOURCE,
      diskId: diskIdOf(i),
      fullSizeGiB: 30,
    })),
  };
}

export const instanceBatch: BatchParameters = {
  sourceRegionId: BATCH_SOURCE,
  selector: { kind: 'instance', instanceId: BATCH_INSTANCE },
  destinationRegionId: BATCH_DESTINATION,
  copyType: 'copy',
  name: 'dr-drill',
  description: 'DR drill of the batch instance',
  tags: [{ key: 'team', value: 'sre' }],
};
