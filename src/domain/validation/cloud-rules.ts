/** The rules of SPEC §2 that need to know what the cloud holds: judged from gathered facts. */
import type { KeyState, KmsAccountStatus, KmsKey, Snapshot } from '../../cloud/cloud-gateway.ts';
import type { CopyParameters, Refusal } from '../copy-request.ts';
import { keyLabel } from '../key-label.ts';
import type { KeyLookup, RequestFacts, UnfinishedCopy } from '../request-facts.ts';

const SYMMETRIC_KEY_SPECS = ['Aliyun_AES_256', 'Aliyun_SM4'];
const ENCRYPTION_USAGE = 'ENCRYPT/DECRYPT';

function validateRegionsExist(parameters: CopyParameters, facts: RequestFacts): Refusal[] {
  const refusals: Refusal[] = [];
  if (parameters.sourceRegionId !== '' && !facts.sourceRegionKnown) {
    refusals.push({
      code: 'sourceRegionId.unknown',
      field: 'sourceRegionId',
      message: `Region "${parameters.sourceRegionId}" does not exist or is not open to this account. Choose the source region from the list.`,
    });
  }
  if (parameters.destinationRegionId !== '' && !facts.destinationRegionKnown) {
    refusals.push({
      code: 'destinationRegionId.unknown',
      field: 'destinationRegionId',
      message: `Region "${parameters.destinationRegionId}" does not exist or is not open to this account. Choose the destination region from the list.`,
    });
  }
  return refusals;
}

function validateSnapshot(parameters: CopyParameters, snapshot: Snapshot): Refusal[] {
  const id = snapshot.snapshotId;
  const refusals: Refusal[] = [];
  if (snapshot.status === 'progressing') {
    refusals.push({
      code: 'sourceSnapshotId.notReady',
      field: 'sourceSnapshotId',
      message: `Snapshot ${id} is still being created (${snapshot.progress}%). Wait until it is finished, then ask again.`,
    });
  } else if (snapshot.status === 'failed') {
    refusals.push({
      code: 'sourceSnapshotId.failed',
      field: 'sourceSnapshotId',
      message: `Snapshot ${id} failed to be created, so there is nothing to copy. Take a new snapshot of the disk and copy that one.`,
    });
  }
  if (snapshot.category === 'archive') {
    refusals.push({
      code: 'sourceSnapshotId.archived',
      field: 'sourceSnapshotId',
      message: `Snapshot ${id} is archived, and archived snapshots cannot be copied. Pick a standard snapshot of the same disk, or take a new one.`,
    });
  } else if (snapshot.category === 'flash') {
    refusals.push({
      code: 'sourceSnapshotId.localSnapshot',
      field: 'sourceSnapshotId',
      message: `Snapshot ${id} is a local (flash) snapshot, and local snapshots cannot be copied. Pick a standard snapshot of the same disk, or take a new one.`,
    });
  }
  if (snapshot.encrypted && parameters.copyType === 'copy') {
    refusals.push({
      code: 'copyType.encryptedSource',
      field: 'copyType',
      message: `Snapshot ${id} is encrypted, so it cannot be copied as plain text. Choose Copy and Encrypt.`,
    });
  }
  return refusals;
}

const KMS_STATUS_ADVICE: Record<Exclude<KmsAccountStatus, 'Enabled'>, string> = {
  NotEnabled:
    'Key Management Service (KMS) is not activated for this Alibaba Cloud account. Ask an account administrator to activate KMS',
  InDebt:
    'Key Management Service (KMS) is suspended for this Alibaba Cloud account because of an overdue payment. Ask an account administrator to settle the account',
  Suspended:
    'Key Management Service (KMS) is suspended for this Alibaba Cloud account. Ask an account administrator to restore it',
};

function validateKmsAccount(status: KmsAccountStatus): Refusal | undefined {
  if (status === 'Enabled') return undefined;
  return {
    code: 'copyType.kmsNotActivated',
    field: 'copyType',
    message: `${KMS_STATUS_ADVICE[status]}, then ask again: Copy and Encrypt needs KMS. An unencrypted snapshot can still be copied to another region with a standard copy.`,
  };
}

const KEY_STATE_ADVICE: Record<Exclude<KeyState, 'Enabled'>, string> = {
  Disabled: 'is Disabled. Enable it in the KMS console',
  PendingDeletion: 'is PendingDeletion (scheduled for deletion). Cancel the deletion in the KMS console',
  PendingImport:
    'is PendingImport (its key material has not been imported). Import the key material in the KMS console',
};

function validateKeyUsable(key: KmsKey, regionId: string): Refusal | undefined {
  const label = keyLabel(key);
  if (key.keyState !== 'Enabled') {
    return {
      code: 'key.notEnabled',
      field: 'key',
      message: `Key ${label} ${KEY_STATE_ADVICE[key.keyState]}, or choose another key of ${regionId}.`,
    };
  }
  if (!SYMMETRIC_KEY_SPECS.includes(key.keySpec) || key.keyUsage !== ENCRYPTION_USAGE) {
    return {
      code: 'key.notSymmetric',
      field: 'key',
      message: `Key ${label} is a ${key.keySpec} key for ${key.keyUsage}, but ECS encrypts only with symmetric keys (${SYMMETRIC_KEY_SPECS.join(' or ')}, usage ${ENCRYPTION_USAGE}). Choose a symmetric key of ${regionId}, or the default service key.`,
    };
  }
  return undefined;
}

function validateKey(lookup: KeyLookup, regionId: string): Refusal | undefined {
  if (!lookup.key) {
    return {
      code: 'key.notFound',
      field: 'key',
      message: `Key ${lookup.reference} does not exist in ${regionId}. The key must be in the destination region: choose a key of ${regionId}, or the default service key.`,
    };
  }
  return validateKeyUsable(lookup.key, regionId);
}

function validateNoUnfinishedCopy(unfinished: UnfinishedCopy, regionId: string): Refusal {
  const holder = unfinished.requestId
    ? `snapcopy request ${unfinished.requestId} is still copying it (${unfinished.snapshotId}, ${unfinished.progress}%). Wait until that copy finishes, or cancel it with /snapcopy cancel ${unfinished.requestId}, then ask again.`
    : `copy ${unfinished.snapshotId}, started outside snapcopy, is still running (${unfinished.progress}%). Wait until it finishes, or delete it in the ECS console to cancel it, then ask again.`;
  return {
    code: 'destinationRegionId.unfinishedCopy',
    field: 'destinationRegionId',
    message: `Alibaba Cloud allows one unfinished copy of a disk to ${regionId} at a time, and ${holder}`,
  };
}

export function validateAgainstCloud(parameters: CopyParameters, facts: RequestFacts): Refusal[] {
  const refusals = validateRegionsExist(parameters, facts);
  const destination = parameters.destinationRegionId;
  if (facts.sourceRegionKnown && parameters.sourceSnapshotId !== '') {
    if (facts.sourceSnapshot) {
      refusals.push(...validateSnapshot(parameters, facts.sourceSnapshot));
    } else {
      refusals.push({
        code: 'sourceSnapshotId.notFound',
        field: 'sourceSnapshotId',
        message: `Snapshot ${parameters.sourceSnapshotId} was not found in ${parameters.sourceRegionId}. Check the source region, or pick the snapshot from the list.`,
      });
    }
  }
  if (parameters.copyType === 'copyAndEncrypt') {
    const kmsRefusal = facts.kmsAccountStatus && validateKmsAccount(facts.kmsAccountStatus);
    if (kmsRefusal) refusals.push(kmsRefusal);
    const keyRefusal = facts.destinationKey && validateKey(facts.destinationKey, destination);
    if (keyRefusal) refusals.push(keyRefusal);
  }
  if (facts.unfinishedCopy) refusals.push(validateNoUnfinishedCopy(facts.unfinishedCopy, destination));
  return refusals;
}
