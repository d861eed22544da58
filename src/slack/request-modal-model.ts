/**
 * What the request modal shows at one moment: the values chosen so far, the facts fetched for
 * them, and where the request was asked (carried in private_metadata between renders).
 */

import type { KmsKey, Region, Snapshot } from '../cloud/cloud-gateway.ts';
import type { CopyType, RegionId } from '../domain/copy-request.ts';
import type { BatchSelection } from '../workflow/batch/batch-selection.ts';
import type { CopyMode } from './slack-ids.ts';

/** The raw values of the modal's inputs, as Slack holds them. */
export interface RequestModalValues {
  /** Undefined: one snapshot, as before batches. */
  mode?: CopyMode;
  /** `instance` mode: the ECS instance whose disks are copied. */
  instanceId?: string;
  /** `tags` mode: key=value, one a line or separated by spaces. */
  selectorTags?: string;
  sourceRegionId?: string;
  sourceSnapshotId?: string;
  destinationRegionId?: string;
  copyType?: CopyType;
  /** `default` or `cmk:<keyId>`. */
  keyOption?: string;
  name?: string;
  description?: string;
  tags?: string;
  retentionDays?: string;
  reason?: string;
}

/** The source facts shown in the modal; kept small because they ride in private_metadata. */
export interface SnapshotFacts {
  snapshotId: string;
  regionId: RegionId;
  name: string;
  status: Snapshot['status'];
  category: Snapshot['category'];
  encrypted: boolean;
  sizeGiB?: number;
  diskId?: string;
  diskType?: string;
  createdAt: string;
}

export interface RequestModalMetadata {
  /** Channel where /snapcopy was typed: the card goes there. */
  channelId: string;
  snapshot?: SnapshotFacts;
}

export type KeyList = { keys: KmsKey[] } | { error: string };

export interface RequestModalModel {
  /** Undefined while the region list loads. */
  regions?: Region[];
  /** Why the modal cannot be used right now (the region list failed to load). */
  loadProblem?: string;
  values: RequestModalValues;
  metadata: RequestModalMetadata;
  /** Why the chosen snapshot cannot be shown (not found, lookup failed). */
  snapshotProblem?: string;
  /** CMKs of the destination region, for Copy and Encrypt. */
  destinationKeys?: KeyList;
  /** Batch modes: what the selector finds now, or why it could not be asked. */
  preview?: BatchSelection | { error: string };
}

const GIB = 1024 ** 3;

export function snapshotFacts(snapshot: Snapshot): SnapshotFacts {
  const sizeGiB =
    snapshot.fullSizeBytes !== undefined
      ? Math.ceil(snapshot.fullSizeBytes / GIB)
      : snapshot.sourceDiskSizeGiB;
  return {
    snapshotId: snapshot.snapshotId,
    regionId: snapshot.regionId,
    name: snapshot.name.slice(0, 128),
    status: snapshot.status,
    category: snapshot.category,
    encrypted: snapshot.encrypted,
    ...(sizeGiB !== undefined ? { sizeGiB } : {}),
    ...(snapshot.sourceDiskId ? { diskId: snapshot.sourceDiskId } : {}),
    ...(snapshot.sourceDiskType ? { diskType: snapshot.sourceDiskType } : {}),
    createdAt: snapshot.creationTime,
  };
}

/** The facts only describe the chosen snapshot while it is still the one selected. */
export function currentSnapshot(
  model: Pick<RequestModalModel, 'values' | 'metadata'>,
): SnapshotFacts | undefined {
  const facts = model.metadata.snapshot;
  const { sourceSnapshotId, sourceRegionId } = model.values;
  return facts && facts.snapshotId === sourceSnapshotId && facts.regionId === sourceRegionId
    ? facts
    : undefined;
}
