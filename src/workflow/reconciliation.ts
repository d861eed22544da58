/**
 * Reconciliation: what the cloud holds against what the store remembers, after a lost or restored
 * store, a crash of an operator's hand, or a copy someone deleted in the console. Pure: the
 * command and the periodic run gather both sides and decide nothing else.
 */
import type { RequestStatus } from './request-view.ts';
import { FINAL_STATUSES } from './request-view.ts';

/** What a request record says about its copy. */
export interface RecordedCopy {
  requestId: string;
  status: RequestStatus;
  destinationRegionId: string;
  /** Set once CopySnapshot answered. */
  copySnapshotId?: string;
}

/** A snapshot in the cloud that carries snapcopy's provenance tags. */
export interface TaggedCopy {
  snapshotId: string;
  regionId: string;
  status: 'progressing' | 'accomplished' | 'failed';
  progress: number;
  /** From the request-ID tag. */
  requestId: string;
  /** ISO 8601, as the API reports it. */
  creationTime: string;
}

export type Finding =
  | {
      /** A copy no record knows: its request was lost with the store, or this is a second copy. */
      kind: 'unrecordedCopy';
      regionId: string;
      snapshotId: string;
      requestId: string;
      copyStatus: TaggedCopy['status'];
      /** The status of the request named by the tag, when a record exists (and names another copy). */
      requestStatus?: RequestStatus;
    }
  | {
      /** The record says the copy exists, the cloud has no such snapshot. */
      kind: 'missingCopy';
      regionId: string;
      snapshotId: string;
      requestId: string;
      requestStatus: RequestStatus;
    }
  | {
      /** The request ended (cancelled, failed, …) but its copy is still being made. */
      kind: 'copyOfEndedRequest';
      regionId: string;
      snapshotId: string;
      requestId: string;
      requestStatus: RequestStatus;
      progress: number;
    };

export const FINDING_KINDS: readonly Finding['kind'][] = [
  'unrecordedCopy',
  'missingCopy',
  'copyOfEndedRequest',
];

export interface ReconcileInput {
  /** Open and archived records. */
  records: readonly RecordedCopy[];
  /** The tagged copies of every region in `regionIds`. */
  copies: readonly TaggedCopy[];
  /** The regions whose copies were listed; records elsewhere are not judged. */
  regionIds: readonly string[];
  /** Records older than this were dropped from the archive on purpose: their copies are no finding. */
  archiveRetentionMs: number;
  now: number;
}

/** The statuses in which the record names a copy that should exist. */
const COPY_EXPECTED: readonly RequestStatus[] = ['copying', 'inProgress', 'done'];

export function reconcile(input: ReconcileInput): Finding[] {
  const regions = new Set(input.regionIds);
  const byRequest = new Map(input.records.map((record) => [record.requestId, record]));
  const copyIds = new Set(input.copies.map((copy) => copy.snapshotId));
  const findings: Finding[] = [];
  for (const copy of input.copies) {
    const finding = judgeCopy(copy, byRequest.get(copy.requestId), input);
    if (finding) findings.push(finding);
  }
  for (const record of input.records) {
    const { copySnapshotId, destinationRegionId } = record;
    if (copySnapshotId === undefined || !regions.has(destinationRegionId)) continue;
    if (!COPY_EXPECTED.includes(record.status) || copyIds.has(copySnapshotId)) continue;
    findings.push({
      kind: 'missingCopy',
      regionId: destinationRegionId,
      snapshotId: copySnapshotId,
      requestId: record.requestId,
      requestStatus: record.status,
    });
  }
  return findings;
}

function judgeCopy(
  copy: TaggedCopy,
  record: RecordedCopy | undefined,
  input: ReconcileInput,
): Finding | undefined {
  const { snapshotId, regionId, requestId } = copy;
  if (record === undefined) {
    const created = Date.parse(copy.creationTime);
    const agedOut = copy.status !== 'progressing' && created < input.now - input.archiveRetentionMs;
    return agedOut
      ? undefined
      : { kind: 'unrecordedCopy', regionId, snapshotId, requestId, copyStatus: copy.status };
  }
  const ended = FINAL_STATUSES.includes(record.status);
  if (ended && record.status !== 'done' && copy.status === 'progressing') {
    return {
      kind: 'copyOfEndedRequest',
      regionId,
      snapshotId,
      requestId,
      requestStatus: record.status,
      progress: copy.progress,
    };
  }
  // A running request that has not stored CopySnapshot's answer yet will adopt this copy by its ClientToken.
  if (record.copySnapshotId === undefined && !ended) return undefined;
  if (record.copySnapshotId === snapshotId) return undefined;
  return {
    kind: 'unrecordedCopy',
    regionId,
    snapshotId,
    requestId,
    copyStatus: copy.status,
    requestStatus: record.status,
  };
}

/** Copies reconciliation may delete when asked: nobody's record will ever finish or report them. */
export function isDeletable(finding: Finding): boolean {
  return finding.kind !== 'missingCopy';
}
