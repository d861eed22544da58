/**
 * How much data a copy moves, by the billing rules of the source page (SPEC §4). The stand-in uses
 * it for how long a copy takes, so incremental copies visibly finish sooner than first copies.
 */
import type { SnapshotView } from './world.ts';

const GiB = 2 ** 30;
/** The stand-in has no block-level history; an incremental copy moves this share of the snapshot. */
const INCREMENTAL_SHARE = 0.1;
/** Even a tiny copy is visible as progressing for a moment of simulated time. */
const MIN_COPY_MS = 2_000;

export function billedSizeGiB(
  source: SnapshotView,
  destinationSnapshots: readonly SnapshotView[],
  destinationKeyId: string | undefined,
): number {
  const snapshotGiB = source.fullSizeBytes / GiB;
  const hasEarlierCopy = destinationSnapshots.some(
    (s) =>
      s.snapshotId !== source.snapshotId &&
      s.sourceDiskId === source.sourceDiskId &&
      s.status === 'accomplished' &&
      s.kmsKeyId === destinationKeyId,
  );
  if (hasEarlierCopy) return Math.max(1, snapshotGiB * INCREMENTAL_SHARE);
  // The first encrypted copy of an unencrypted snapshot moves the whole source disk.
  return destinationKeyId !== undefined && !source.encrypted ? source.sourceDiskSizeGiB : snapshotGiB;
}

export function transferDurationMs(billedGiB: number, gibPerMinute: number): number {
  return Math.max(MIN_COPY_MS, (billedGiB / gibPerMinute) * 60_000);
}
