/** The rules of SPEC §2 that can be checked from the request alone, before any cloud call. */
import type { CopyParameters, Refusal } from '../copy-request.ts';
import { validateTags } from './tag-rules.ts';
import { validateDescription, validateName } from './text-rules.ts';

/** China (Nanjing - Local Region) is closing down and takes no encrypted copies. */
export const CLOSING_DOWN_REGION_ID = 'cn-nanjing';

/** Snapshot IDs look like s-bp67acfmxazb4p8q3e1f. */
const SNAPSHOT_ID = /^s-[0-9a-z]{2,}$/i;

const RETENTION_DAYS = { min: 1, max: 65536 };

function validateRegions(parameters: CopyParameters): Refusal[] {
  const refusals: Refusal[] = [];
  const source = parameters.sourceRegionId.trim();
  const destination = parameters.destinationRegionId.trim();
  if (source === '') {
    refusals.push({
      code: 'sourceRegionId.missing',
      field: 'sourceRegionId',
      message: 'No source region was given. Choose the region the snapshot lives in.',
    });
  }
  if (destination === '') {
    refusals.push({
      code: 'destinationRegionId.missing',
      field: 'destinationRegionId',
      message: 'No destination region was given. Choose the region the copy should go to.',
    });
    return refusals;
  }
  if (parameters.copyType === 'copy' && destination === source) {
    refusals.push({
      code: 'destinationRegionId.sameRegionStandardCopy',
      field: 'destinationRegionId',
      message: `Standard copies must go to a different region. Choose another destination region, or pick Copy and Encrypt to copy within ${source}.`,
    });
  }
  if (parameters.copyType === 'copyAndEncrypt' && destination === CLOSING_DOWN_REGION_ID) {
    refusals.push({
      code: 'destinationRegionId.closingDown',
      field: 'destinationRegionId',
      message: `China (Nanjing - Local Region), ${CLOSING_DOWN_REGION_ID}, is closing down and does not accept encrypted copies. Choose another destination region.`,
    });
  }
  return refusals;
}

function validateSnapshotId(snapshotId: string): Refusal | undefined {
  if (snapshotId.trim() === '') {
    return {
      code: 'sourceSnapshotId.missing',
      field: 'sourceSnapshotId',
      message: 'No source snapshot was given. Choose the snapshot to copy.',
    };
  }
  if (!SNAPSHOT_ID.test(snapshotId)) {
    return {
      code: 'sourceSnapshotId.malformed',
      field: 'sourceSnapshotId',
      message: `"${snapshotId}" is not a snapshot ID; snapshot IDs look like s-bp67acfmxazb4p8q3e1f. Pick the snapshot from the list, or paste its ID from the ECS console.`,
    };
  }
  return undefined;
}

function validateKey(parameters: CopyParameters): Refusal | undefined {
  const key = parameters.key;
  if (key?.kind !== 'customerMasterKey') return undefined;
  if (parameters.copyType === 'copy') {
    return {
      code: 'key.notForStandardCopy',
      field: 'key',
      message: `Key ${key.keyId} only applies to Copy and Encrypt: a standard copy is stored in plain text. Choose Copy and Encrypt to use this key, or remove the key.`,
    };
  }
  if (key.keyId.trim() === '') {
    return {
      code: 'key.missingKeyId',
      field: 'key',
      message: `You chose a customer master key but no key. Pick a key of ${parameters.destinationRegionId || 'the destination region'}, or choose the default service key.`,
    };
  }
  return undefined;
}

function validateRetention(retentionDays: number | undefined): Refusal | undefined {
  if (retentionDays === undefined) return undefined;
  if (
    Number.isInteger(retentionDays) &&
    retentionDays >= RETENTION_DAYS.min &&
    retentionDays <= RETENTION_DAYS.max
  ) {
    return undefined;
  }
  return {
    code: 'retentionDays.range',
    field: 'retentionDays',
    message: `Retention must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} (got ${retentionDays}). Enter a number in that range, or leave it empty to keep the copy until it is deleted.`,
  };
}

export function validateParameters(parameters: CopyParameters): Refusal[] {
  return [
    ...validateRegions(parameters),
    validateSnapshotId(parameters.sourceSnapshotId),
    validateKey(parameters),
    validateName(parameters.name),
    validateDescription(parameters.description),
    validateRetention(parameters.retentionDays),
    ...validateTags(parameters.tags),
  ].filter((refusal): refusal is Refusal => refusal !== undefined);
}
