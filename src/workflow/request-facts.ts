/**
 * Asks the cloud what validateRequest and estimateCost need to know about a request, in two
 * rounds of parallel calls: first the regions and the source snapshot, then everything that
 * depends on them (its disk, the destination's copies of that disk, KMS and the key). A batch asks
 * for the destination's facts once and for each copy's history beside them.
 */
import type {
  CloudGateway,
  Disk,
  KmsAccountStatus,
  KmsKey,
  Region,
  Snapshot,
} from '../cloud/cloud-gateway.ts';
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

/** What every copy of one batch shares: the regions, and KMS and the key of the destination. */
export type DestinationFacts = Pick<
  RequestFacts,
  'sourceRegionKnown' | 'destinationRegionKnown' | 'kmsAccountStatus' | 'destinationKey'
>;

/** The source of one copy as the caller already knows it. */
export interface SourceFacts {
  sourceSnapshot?: Snapshot;
  sourceDisk?: Disk;
}

function knownRegions(regions: readonly Region[], parameters: CopyParameters) {
  const regionIds = new Set(regions.map((region) => region.regionId));
  return {
    sourceRegionKnown: regionIds.has(parameters.sourceRegionId),
    destinationRegionKnown: regionIds.has(parameters.destinationRegionId),
  };
}

async function kmsFactsFor(
  gateway: CloudGateway,
  parameters: CopyParameters,
  destinationRegionKnown: boolean,
): Promise<KmsFacts> {
  return parameters.copyType === 'copyAndEncrypt' && destinationRegionKnown
    ? gatherKmsFacts(gateway, parameters)
    : {};
}

async function copyHistoryOf(
  gateway: CloudGateway,
  parameters: CopyParameters,
  source: SourceFacts,
  destinationRegionKnown: boolean,
): Promise<Snapshot[]> {
  const diskId = source.sourceSnapshot?.sourceDiskId;
  if (!diskId || !destinationRegionKnown) return [];
  return gateway.findCopies({
    destinationRegionId: parameters.destinationRegionId,
    sourceRegionId: parameters.sourceRegionId,
    sourceDiskId: diskId,
  });
}

function assembled(
  destination: DestinationFacts,
  source: SourceFacts,
  copyHistory: Snapshot[],
): RequestFacts {
  return { ...destination, ...source, copyHistory, unfinishedCopy: findUnfinishedCopy(copyHistory) };
}

/** Asked once for a whole batch: its copies go from one region to one region under one key. */
export async function gatherDestinationFacts(
  gateway: CloudGateway,
  parameters: CopyParameters,
): Promise<DestinationFacts> {
  const regions = knownRegions(await gateway.listRegions(), parameters);
  return { ...regions, ...(await kmsFactsFor(gateway, parameters, regions.destinationRegionKnown)) };
}

/** The facts of one copy whose snapshot and disk are already known, as in a batch. */
export async function gatherCopyFacts(
  gateway: CloudGateway,
  parameters: CopyParameters,
  destination: DestinationFacts,
  source: SourceFacts,
): Promise<RequestFacts> {
  const copyHistory = await copyHistoryOf(gateway, parameters, source, destination.destinationRegionKnown);
  return assembled(destination, source, copyHistory);
}

export async function gatherRequestFacts(
  gateway: CloudGateway,
  parameters: CopyParameters,
): Promise<RequestFacts> {
  const [regions, snapshotResult] = await Promise.allSettled([
    gateway.listRegions(),
    findSourceSnapshot(gateway, parameters),
  ]);
  const known = knownRegions(settledValue(regions), parameters);
  // A region that does not exist makes the snapshot call fail; the refusal names the region instead.
  const sourceSnapshot = known.sourceRegionKnown ? settledValue(snapshotResult) : undefined;

  const diskId = sourceSnapshot?.sourceDiskId;
  const [sourceDisk, copyHistory, kmsFacts] = await Promise.all([
    diskId ? gateway.describeDisk(parameters.sourceRegionId, diskId) : undefined,
    copyHistoryOf(gateway, parameters, { sourceSnapshot }, known.destinationRegionKnown),
    kmsFactsFor(gateway, parameters, known.destinationRegionKnown),
  ]);
  return assembled({ ...known, ...kmsFacts }, { sourceSnapshot, sourceDisk }, copyHistory);
}
