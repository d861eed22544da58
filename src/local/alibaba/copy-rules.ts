/**
 * Every rule CopySnapshot enforces (SPEC §2, reference §7.1 and §8), in two steps: the request's own
 * shape first, then the rules that depend on the state of the world. ClientToken replays happen
 * between the two, so a retry of a copy that already started is never refused by its own copy.
 */
import { ApiError, missingParameter } from './api-error.ts';
import type { RequestParams } from './request-params.ts';
import { readDescription, readRetentionDays, readSnapshotName, readTags } from './snapshot-attributes.ts';
import { type KmsKey, SERVICE_KEY_ALIAS, type SnapshotView, type Tag, type World } from './world.ts';

export interface CopyRequest {
  sourceRegionId: string;
  snapshotId: string;
  destinationRegionId: string;
  name: string;
  description: string;
  retentionDays?: number;
  encrypted: boolean;
  kmsKeyId?: string;
  tags: Tag[];
}

export interface CopyPlan {
  source: SnapshotView;
  request: CopyRequest;
  /** The resolved key for an encrypted copy. */
  key?: KmsKey;
}

const SYMMETRIC_KEY_SPECS = new Set(['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4']);

const refuse = (code: string, message: string) => new ApiError(403, code, message);

export function readCopyRequest(params: RequestParams): CopyRequest {
  const sourceRegionId = params.required('RegionId', 64);
  const snapshotId = params.required('SnapshotId', 64);
  const destinationRegionId = params.required('DestinationRegionId', 64);
  const name = readSnapshotName(params, 'DestinationSnapshotName');
  if (name === undefined) throw missingParameter('DestinationSnapshotName');
  const description = readDescription(params, 'DestinationSnapshotDescription');
  if (description === undefined) throw missingParameter('DestinationSnapshotDescription');
  const retentionDays = readRetentionDays(params);
  const encrypted = params.boolean('Encrypted') ?? false;
  const kmsKeyId = params.string('KMSKeyId', 2048);
  if (kmsKeyId !== undefined && !encrypted) {
    throw refuse(
      'InvalidEncrypted.NotMatchKmsKeyId',
      'KMSKeyId can only be specified when Encrypted is true.',
    );
  }
  const tags = readTags(params);
  return {
    sourceRegionId,
    snapshotId,
    destinationRegionId,
    name,
    description,
    retentionDays,
    encrypted,
    kmsKeyId,
    tags,
  };
}

export function checkCopyRules(request: CopyRequest, world: World): CopyPlan {
  const { sourceRegionId, destinationRegionId, encrypted } = request;
  for (const regionId of [sourceRegionId, destinationRegionId]) {
    if (!world.region(regionId))
      refuseWith('InvalidRegionId.NotExists', `The region ${regionId} does not exist.`);
  }
  const source = world.snapshot(request.snapshotId);
  if (!source || source.regionId !== sourceRegionId) {
    refuseWith('InvalidSnapshotId.NotFound', 'The specified snapshot is not exists.');
  }
  if (source.status !== 'accomplished') {
    refuseWith('InvalidSnapshotId.NotReady', 'The specified snapshot has not completed yet.');
  }
  if (source.category !== 'standard') {
    refuseWith(
      'InvalidSnapshotCategory.NotSupportCopy',
      `A snapshot of category ${source.category} cannot be copied.`,
    );
  }
  if (source.encrypted && !encrypted) {
    refuseWith(
      'InvalidEncrypted.NotSupportDecrypt',
      'An encrypted snapshot cannot be copied to an unencrypted one.',
    );
  }
  if (!encrypted && sourceRegionId === destinationRegionId) {
    refuseWith(
      'InvalidOperation.NotSupportCopyInSameRegion',
      'Copying snapshot in the same region is not supported.',
    );
  }
  const key = encrypted ? encryptionKey(request, world) : undefined;
  refuseUnfinishedCopy(source, destinationRegionId, world);
  return { source, request, key };
}

function encryptionKey(request: CopyRequest, world: World): KmsKey {
  if (world.kmsStatus() !== 'Enabled') {
    refuseWith('InvalidParameter.KmsNotEnabled', 'KMS is not activated for this account.');
  }
  if (!world.region(request.destinationRegionId)?.encryptedCopySupported) {
    refuseWith(
      'InvalidRegionId.NotSupportedEncryptedSnapshotCopy',
      `Encrypted snapshots cannot be copied to ${request.destinationRegionId}.`,
    );
  }
  const lookup = world.resolveKey(request.destinationRegionId, request.kmsKeyId ?? SERVICE_KEY_ALIAS);
  if (!('key' in lookup)) {
    refuseWith(
      'InvalidParameter.KMSKeyId.NotFound',
      'The specified KMSKeyId is not found in the destination region.',
    );
  }
  const { key } = lookup;
  if (key.keyState !== 'Enabled') {
    refuseWith(
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      `The specified KMS key is ${key.keyState}, not Enabled.`,
    );
  }
  if (!SYMMETRIC_KEY_SPECS.has(key.keySpec) || key.keyUsage !== 'ENCRYPT/DECRYPT') {
    refuseWith('InvalidKMSKeyId.NotSymmetric', 'The specified KMS key must be a symmetric encryption key.');
  }
  return key;
}

/** One unfinished copy per (source disk, destination region); the code names the kind already running. */
function refuseUnfinishedCopy(source: SnapshotView, destinationRegionId: string, world: World): void {
  const running = world
    .snapshotsIn(destinationRegionId)
    .find(
      (s) =>
        s.sourceSnapshotId !== undefined &&
        s.sourceDiskId === source.sourceDiskId &&
        s.status === 'progressing',
    );
  if (!running) return;
  refuseWith(
    running.encrypted
      ? 'InvalidOperation.UnfinishedEncryptedSnapshotCopy'
      : 'InvalidOperation.UnfinishedCrossRegionCopy',
    `There is an unfinished snapshot copy "${running.snapshotId}" of this disk in the target region.`,
  );
}

function refuseWith(code: string, message: string): never {
  throw refuse(code, message);
}
