/**
 * What the cloud says about a request, gathered once (src/workflow/request-facts.ts) and then
 * judged by the pure rules: validateAgainstCloud and estimateCost. Plain data, so it can be
 * recorded with the request and replayed in tests without a cloud.
 */
import type { Disk, KmsAccountStatus, KmsKey, Snapshot } from '../cloud/cloud-gateway.ts';

/** The key a Copy and Encrypt would use, looked up in the destination region. */
export interface KeyLookup {
  /** What was looked up: the chosen CMK's ID, alias or ARN, or alias/acs/ecs for the default key. */
  reference: string;
  /** Undefined: no such key in the destination region. */
  key?: KmsKey;
}

/** A copy of the same disk to the same region that has not finished; the API allows one at a time. */
export interface UnfinishedCopy {
  snapshotId: string;
  /** The snapcopy request that made it, from its provenance tag; absent for copies made elsewhere. */
  requestId?: string;
  progress: number;
}

export interface RequestFacts {
  /** False when the source region is not one of the account's regions. */
  sourceRegionKnown: boolean;
  destinationRegionKnown: boolean;
  /** Undefined: no such snapshot in the source region. */
  sourceSnapshot?: Snapshot;
  /** The disk the snapshot was taken from; undefined when it no longer exists. */
  sourceDisk?: Disk;
  /** Only gathered for Copy and Encrypt. */
  kmsAccountStatus?: KmsAccountStatus;
  /** Only gathered for Copy and Encrypt, and only when KMS is usable. */
  destinationKey?: KeyLookup;
  /** Earlier copies of the source disk's snapshots that live in the destination region. */
  copyHistory: Snapshot[];
  unfinishedCopy?: UnfinishedCopy;
}
