/** Small builders so each test states only what it is about. */
import type { Disk, KmsKey, Snapshot } from '../../src/cloud/cloud-gateway.ts';
import type { BatchParameters, DiskSelector } from '../../src/domain/copy-batch.ts';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import type { RequestFacts } from '../../src/domain/request-facts.ts';

export const GIB = 1024 ** 3;

export function buildParameters(overrides: Partial<CopyParameters> = {}): CopyParameters {
  return {
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId: 's-bp1webdata0001',
    destinationRegionId: 'ap-southeast-1',
    copyType: 'copy',
    name: 'web-01-backup',
    description: 'Nightly off-site copy',
    tags: [{ key: 'team', value: 'platform' }],
    ...overrides,
  };
}

/** A cross-region standard copy of whatever the selector finds in cn-hangzhou. */
export function buildBatchParameters(
  selector: DiskSelector,
  overrides: Partial<BatchParameters> = {},
): BatchParameters {
  return {
    sourceRegionId: 'cn-hangzhou',
    selector,
    destinationRegionId: 'cn-shanghai',
    copyType: 'copy',
    name: 'dr',
    description: 'Disaster-recovery copy',
    tags: [],
    ...overrides,
  };
}

export function buildSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    snapshotId: 's-bp1webdata0001',
    regionId: 'cn-hangzhou',
    name: 'web-01-data',
    description: 'web-01 data disk',
    status: 'accomplished',
    progress: 100,
    category: 'standard',
    encrypted: false,
    sourceDiskId: 'd-bp1webdata',
    sourceDiskSizeGiB: 40,
    fullSizeBytes: 12.5 * GIB,
    creationTime: '2026-11-20T02:00:00Z',
    tags: [],
    ...overrides,
  };
}

export function buildCopy(overrides: Partial<Snapshot> = {}): Snapshot {
  return buildSnapshot({
    snapshotId: 's-t4nearliercopy',
    regionId: 'ap-southeast-1',
    sourceSnapshotId: 's-bp1older0001',
    sourceRegionId: 'cn-hangzhou',
    creationTime: '2026-11-10T02:00:00Z',
    ...overrides,
  });
}

export function buildDisk(overrides: Partial<Disk> = {}): Disk {
  return {
    diskId: 'd-bp1webdata',
    regionId: 'cn-hangzhou',
    name: 'web-01-data',
    sizeGiB: 40,
    category: 'cloud_essd',
    encrypted: false,
    status: 'In_use',
    tags: [],
    ...overrides,
  };
}

export function buildKey(overrides: Partial<KmsKey> = {}): KmsKey {
  return {
    keyId: 'key-t4nbackup01',
    arn: 'acs:kms:ap-southeast-1:1234567890:key/key-t4nbackup01',
    regionId: 'ap-southeast-1',
    keyState: 'Enabled',
    keySpec: 'Aliyun_AES_256',
    keyUsage: 'ENCRYPT/DECRYPT',
    aliases: ['alias/backup'],
    description: 'backup key',
    serviceManaged: false,
    ...overrides,
  };
}

export function buildDefaultServiceKey(overrides: Partial<KmsKey> = {}): KmsKey {
  return buildKey({
    keyId: 'key-t4necsdefault',
    arn: 'acs:kms:ap-southeast-1:1234567890:key/key-t4necsdefault',
    aliases: ['alias/acs/ecs'],
    description: 'Default master key that protects my ECS volumes',
    serviceManaged: true,
    ...overrides,
  });
}

/** Facts of a request the cloud has nothing against. */
export function buildFacts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    sourceRegionKnown: true,
    destinationRegionKnown: true,
    sourceSnapshot: buildSnapshot(),
    sourceDisk: buildDisk(),
    copyHistory: [],
    ...overrides,
  };
}
