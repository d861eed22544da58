/**
 * Asks the cloud what validateRequest and estimateCost need to know about a request, in two
 * rounds of parallel calls: first the regions and the source snapshot, then everything that
 * depends on them (its disk, the destination's copies of that disk, KMS and the key).
 */
import type { CloudGateway, KmsAccountStatus, KmsKey, Snapshot } from '../cloud/cloud-gateway.ts';
import { findUnfinishedCopy } from '../domain/copy-history.ts';
import type { CopyParameters } from '../domain/copy-request.ts';
import { keyReference } from '../domain/key-choice.ts';
import type { KeyLookup, RequestFacts } from '../domain/request-facts.ts';

function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

async function findSourceSnapshot(
  gateway: CloudGateway,
  parameters: CopyParameters,
): Promise<Snapshot | undefined> {
  if (parameters.sourceRegionId === '' || parameters.sourceSnapshotId === '') return undefined;
  const snapshots = await gateway.describeSnapshots(parameters.sourceRegionId, [parameters.sourceSnapshotId]);
  return snapshots.find((snapshot) => snapshot.snapshotId === parameters.sourceSnapshotId);
}

interface KmsFacts {
  kmsAccountStatus?: KmsAccountStatus;
  destinationKey?: KeyLookup;
}

async function gatherKmsFacts(gateway: CloudGateway, parameters: CopyParameters): Promise<KmsFacts> {
  const region = parameters.destinationRegionId;
  const reference = keyReference(parameters);
  const [status, key] = await Promise.allSettled([
    gateway.kmsAccountStatus(region),
    gateway.describeKey(region, reference),
  ]);
  const kmsAccountStatus = settledValue(status);
  // Without KMS every key call fails; the refusal names KMS, so that failure says nothing new.
  if (kmsAccountStatus !== 'Enabled') return { kmsAccountStatus };
  const found: KmsKey | undefined = settledValue(key);
  return { kmsAccountStatus, destinationKey: found ? { reference, key: found } : { reference } };
}

export async function gatherRequestFacts(
  gateway: CloudGateway,
  parameters: CopyParameters,
): Promise<RequestFacts> {
  const [regions, snapshotResult] = await Promise.allSettled([
    gateway.listRegions(),
    findSourceSnapshot(gateway, parameters),
  ]);
  const regionIds = new Set(settledValue(regions).map((region) => region.regionId));
  const sourceRegionKnown = regionIds.has(parameters.sourceRegionId);
  const destinationRegionKnown = regionIds.has(parameters.destinationRegionId);
  // A region that does not exist makes the snapshot call fail; the refusal names the region instead.
  const sourceSnapshot = sourceRegionKnown ? settledValue(snapshotResult) : undefined;

  const diskId = sourceSnapshot?.sourceDiskId;
  const [sourceDisk, copyHistory, kmsFacts] = await Promise.all([
    diskId ? gateway.describeDisk(parameters.sourceRegionId, diskId) : undefined,
    diskId && destinationRegionKnown
      ? gateway.findCopies({
          destinationRegionId: parameters.destinationRegionId,
          sourceRegionId: parameters.sourceRegionId,
          sourceDiskId: diskId,
        })
      : [],
    parameters.copyType === 'copyAndEncrypt' && destinationRegionKnown
      ? gatherKmsFacts(gateway, parameters)
      : {},
  ]);
  return {
    sourceRegionKnown,
    destinationRegionKnown,
    sourceSnapshot,
    sourceDisk,
    ...kmsFacts,
    copyHistory,
    unfinishedCopy: findUnfinishedCopy(copyHistory),
  };
}
