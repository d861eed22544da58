/**
 * Which snapshot a batch copies of each disk it found: the newest finished snapshot taken of that
 * disk. Pure, so the rule is tested without a cloud; src/workflow/batch/batch-selection.ts feeds it.
 */
import type { Disk, Snapshot } from '../cloud/cloud-gateway.ts';
import type { BatchRefusal, DiskSelector } from './copy-batch.ts';

export interface PickedSnapshot {
  disk: Disk;
  snapshot: Snapshot;
}

export interface LatestSnapshots {
  picked: PickedSnapshot[];
  refused: BatchRefusal[];
}

function newestFirst(a: Snapshot, b: Snapshot): number {
  return b.creationTime.localeCompare(a.creationTime) || b.snapshotId.localeCompare(a.snapshotId);
}

/** An instance reads boot disk first, as its console lists it; a tag has no such first disk. */
function diskOrder(kind: DiskSelector['kind']): (a: Disk, b: Disk) => number {
  const byId = (a: Disk, b: Disk) => a.diskId.localeCompare(b.diskId);
  if (kind === 'tags') return byId;
  const rank = (disk: Disk) => (disk.type === 'system' ? 0 : 1);
  return (a, b) => rank(a) - rank(b) || byId(a, b);
}

function diskLabel(disk: Disk): string {
  return disk.name ? `${disk.name} (${disk.diskId})` : disk.diskId;
}

function refusal(disk: Disk, code: string, message: string, snapshot?: Snapshot): BatchRefusal {
  return {
    diskId: disk.diskId,
    ...(disk.name ? { diskName: disk.name } : {}),
    ...(snapshot ? { snapshotId: snapshot.snapshotId } : {}),
    code,
    message,
  };
}

function pickFor(disk: Disk, own: readonly Snapshot[]): PickedSnapshot | BatchRefusal {
  const label = diskLabel(disk);
  const finished = own.find((snapshot) => snapshot.status === 'accomplished');
  if (finished?.category === 'archive') {
    // An older standard snapshot would silently copy stale data; the requester decides instead.
    return refusal(
      disk,
      'sourceSnapshotId.archived',
      `The latest finished snapshot of disk ${label}, ${finished.snapshotId}, is archived, and archived snapshots must be restored before they can be copied. Restore it to the standard tier, or take a new snapshot of the disk, then ask again.`,
      finished,
    );
  }
  if (finished) return { disk, snapshot: finished };
  const progressing = own.find((snapshot) => snapshot.status === 'progressing');
  if (progressing) {
    return refusal(
      disk,
      'sourceSnapshotId.notReady',
      `Disk ${label} has no finished snapshot yet: ${progressing.snapshotId} is still being created (${progressing.progress}%). Wait until it is finished, then ask again.`,
      progressing,
    );
  }
  const failed = own[0];
  if (failed) {
    return refusal(
      disk,
      'sourceSnapshotId.failed',
      `Every snapshot of disk ${label} failed to be created, the latest being ${failed.snapshotId}, so there is nothing to copy. Take a new snapshot of the disk, then ask again.`,
      failed,
    );
  }
  return refusal(
    disk,
    'sourceSnapshotId.none',
    `Disk ${label} has no snapshot, so there is nothing to copy. Take a snapshot of the disk, then ask again.`,
  );
}

/**
 * Copies of a disk's snapshots carry its disk ID too (SourceDiskId); only snapshots taken of the
 * disk itself, without a SourceSnapshotId, are candidates, so a batch never copies a copy.
 */
export function selectLatestSnapshots(
  disks: readonly Disk[],
  snapshots: readonly Snapshot[],
  selectorKind: DiskSelector['kind'],
): LatestSnapshots {
  const byDisk = new Map<string, Snapshot[]>();
  for (const snapshot of snapshots) {
    if (snapshot.sourceSnapshotId !== undefined || snapshot.sourceDiskId === undefined) continue;
    byDisk.set(snapshot.sourceDiskId, [...(byDisk.get(snapshot.sourceDiskId) ?? []), snapshot]);
  }
  const result: LatestSnapshots = { picked: [], refused: [] };
  for (const disk of [...disks].sort(diskOrder(selectorKind))) {
    const pick = pickFor(disk, (byDisk.get(disk.diskId) ?? []).sort(newestFirst));
    if ('snapshot' in pick) result.picked.push(pick);
    else result.refused.push(pick);
  }
  return result;
}
