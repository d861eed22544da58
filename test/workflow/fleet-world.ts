/** A stand-in world for many copies at once: one region, `copies` disks, one finished snapshot each. */
import type { CopyParameters } from '../../src/domain/copy-request.ts';

export const FLEET_REGION = 'cn-hangzhou';

/** Disks of one size, so each copy takes as long as the others (30 s at 60 GiB a minute). */
export function fleetWorld(copies: number) {
  return {
    accountId: '5123456789012345',
    copyGiBPerMinute: 60,
    regions: [{ regionId: FLEET_REGION, localName: 'China (Hangzhou)' }],
    disks: Array.from({ length: copies }, (_, i) => ({
      diskId: `d-bp1poll0000disk000${i}`,
      regionId: FLEET_REGION,
      sizeGiB: 60,
    })),
    keys: [],
    snapshots: Array.from({ length: copies }, (_, i) => ({
      snapshotId: `s-bp1poll0000snap000${i}`,
      regionId: FLEET_REGION,
      diskId: `d-bp1poll0000disk000${i}`,
      fullSizeGiB: 30,
    })),
  };
}

/** Copy and Encrypt of disk `i`'s snapshot in place under the default key: approved automatically. */
export const encryptInPlace = (i: number): CopyParameters => ({
  sourceRegionId: FLEET_REGION,
  sourceSnapshotId: `s-bp1poll0000snap000${i}`,
  destinationRegionId: FLEET_REGION,
  copyType: 'copyAndEncrypt',
  key: { kind: 'defaultServiceKey' },
  name: `encrypted-${i}`,
  description: 'encrypted in place',
  tags: [],
});
