/**
 * A batch: the latest finished snapshot of every disk a selector finds, copied to one destination
 * under one key with one decision. Plain JSON, like the rest of the domain.
 */
import { createHash } from 'node:crypto';
import type { CopyParameters, RequestField, Tag } from './copy-request.ts';

/** The disks of one ECS instance, or every disk carrying all of the given tags, in the source region. */
export type DiskSelector = { kind: 'instance'; instanceId: string } | { kind: 'tags'; tags: Tag[] };

/** What a batch's refusal can name: a field of its copies, or the selector that finds them. */
export type BatchField = RequestField | 'selector';

/**
 * What the requester asked for: a copy request whose source is a selection instead of one
 * snapshot. Each copy is named `<name>-<disk ID>`.
 */
export type BatchParameters = Omit<CopyParameters, 'sourceSnapshotId'> & { selector: DiskSelector };

/** One snapshot the batch copies, fixed when the selection is made. */
export interface BatchItem {
  /** 0-based, the order of the selection; the child request's ID ends with it. */
  index: number;
  diskId: string;
  diskName?: string;
  sourceSnapshotId: string;
  sizeGiB?: number;
}

/** A disk the selection found but will not copy, and why. */
export interface BatchRefusal {
  diskId: string;
  diskName?: string;
  /** The snapshot that would have been copied, when there is one. */
  snapshotId?: string;
  code: string;
  message: string;
}

/** Room for `-<disk ID>` within the API's 128 characters. */
const MAX_NAME_LENGTH = 128;

/** The name a batch item's copy gets: the batch name, then the disk, so each copy is told apart. */
export function itemCopyName(batchName: string, diskId: string): string {
  const suffix = `-${diskId}`;
  return `${[...batchName].slice(0, MAX_NAME_LENGTH - suffix.length).join('')}${suffix}`;
}

/** The copy request one item of the batch stands for. */
export function itemParameters(
  batch: BatchParameters,
  item: Pick<BatchItem, 'diskId' | 'sourceSnapshotId'>,
): CopyParameters {
  const { selector: _selection, name, ...shared } = batch;
  return { ...shared, sourceSnapshotId: item.sourceSnapshotId, name: itemCopyName(name, item.diskId) };
}

/**
 * What an approval is bound to: the exact list of source snapshots and every parameter of the
 * copies. An approver's click carries the digest it was shown; a different list is another decision.
 */
export function batchDigest(batch: BatchParameters, items: readonly BatchItem[]): string {
  const bound = {
    parameters: batch,
    snapshots: items.map((item) => item.sourceSnapshotId),
  };
  return createHash('sha256').update(JSON.stringify(bound)).digest('hex').slice(0, 16);
}
