/**
 * The batches of a crash run: each has its own requester and its own instance, whose disks no
 * single request uses, so a batch never shares a modal or a disk's one unfinished copy with
 * anything else in the run. Both cross regions, so each waits for one approval.
 */
import type { BatchStatus } from '../../src/workflow/batch/copy-batch-view.ts';
import { OTHER_REGION } from './request-scripts.ts';
import type { SeededRandom } from './seeded-random.ts';

/**
 * batchApprove: an approver approves the batch once; every item that has a snapshot is copied.
 * batchCancel: approved, then the requester cancels it once some item has finished and others
 * still copy; finished copies are kept, the rest never start or are deleted.
 */
export type BatchKind = 'batchApprove' | 'batchCancel';

export interface BatchDisk {
  diskId: string;
  /** Absent: the disk has no finished snapshot, so the selection refuses it up front. */
  snapshotId?: string;
  sizeGiB: number;
}

export interface BatchScript {
  /** 1-based; names the requester, the instance and its disks. */
  index: number;
  kind: BatchKind;
  requesterId: string;
  instanceId: string;
  disks: BatchDisk[];
  destinationRegionId: string;
  /** The copies' name in the modal. */
  name: string;
  startAfterMs: number;
  thinkMs: number;
  expected: BatchStatus;
}

/** Big enough that a copy cancelled mid-batch is still running however long the bot stays down. */
const UNFINISHED_COPY_GIB = 30_000;

export interface BatchPlanOptions {
  kinds: readonly BatchKind[];
  /** The requests' spread; batches start within the same span after it. */
  spreadMs: number;
  /** Sizes of copies that run to the end. */
  copyGiB: { min: number; max: number };
}

export function planBatches(random: SeededRandom, options: BatchPlanOptions): BatchScript[] {
  return options.kinds.map((kind, i) => {
    const index = i + 1;
    const id = String(index).padStart(4, '0');
    const size = () => random.int(options.copyGiB.min, options.copyGiB.max);
    const disk = (n: number, sizeGiB: number, withSnapshot = true): BatchDisk => ({
      diskId: `d-batch${id}disk${String(n).padStart(5, '0')}`,
      ...(withSnapshot ? { snapshotId: `s-batch${id}snap${String(n).padStart(5, '0')}` } : {}),
      sizeGiB,
    });
    // Six disks, the last without a snapshot; or four, two of which finish and two that cannot
    // finish before the cancel, so the cancel is always mid-copy and always keeps something.
    const disks =
      kind === 'batchApprove'
        ? [1, 2, 3, 4, 5, 6].map((n) => disk(n, size(), n !== 6))
        : [disk(1, size()), disk(2, size()), disk(3, UNFINISHED_COPY_GIB), disk(4, UNFINISHED_COPY_GIB)];
    return {
      index,
      kind,
      requesterId: `U0BATCHR${id}`,
      instanceId: `i-crashbatch${id}000000`,
      disks,
      destinationRegionId: OTHER_REGION,
      name: `crash-batch-${id}`,
      // After the requests' spread: a batch modal re-renders with its preview on every pick, and
      // views.* share one workspace budget, so batches typing among the first modals slow every
      // modal and hold back the first cards (and the Slack posts the kill plan waits for).
      startAfterMs: options.spreadMs + random.int(0, options.spreadMs),
      thinkMs: random.int(0, 1200),
      expected: kind === 'batchApprove' ? 'done' : 'cancelled',
    };
  });
}

/** Disks the selection can take: those with a snapshot. */
export function copyableDisks(script: BatchScript): BatchDisk[] {
  return script.disks.filter((disk) => disk.snapshotId !== undefined);
}
