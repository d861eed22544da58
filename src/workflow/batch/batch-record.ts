/**
 * What the store keeps per batch: its machine's snapshot (with the machine it belongs to), its
 * outbox, and the fields batches are looked up by. A batch's notifications show only what this
 * record says, so its card and result tell the same story after a restart.
 */
import type { StateValue } from 'xstate';
import { approvalSlotContent, type Outbox, planSlots } from '../notification-outbox.ts';
import type { NotificationSlot } from '../notifier.ts';
import type { CopyBatchContext, CopyBatchInput } from './copy-batch-context.ts';
import { COPY_BATCH_MACHINE_ID, COPY_BATCH_MACHINE_VERSION } from './copy-batch-machine.ts';
import { type BatchStatus, type BatchView, FINAL_BATCH_STATUSES } from './copy-batch-view.ts';
import { toBatchView } from './to-batch-view.ts';

export const BATCH_RECORD_SCHEMA = 1;

export interface PersistedCopyBatch {
  value: StateValue;
  context: CopyBatchContext;
}

export interface CopyBatchRecord {
  schema: number;
  machineId: string;
  machineVersion: number;
  batchId: string;
  submissionId: string;
  requesterUserId: string;
  snapshot: PersistedCopyBatch;
  outbox: Outbox<BatchStatus>;
  updatedAt: number;
  /** As on request records: the epoch of the leader that wrote it last (absent for a sole replica). */
  leaderEpoch?: number;
}

export function newBatchRecord(
  input: CopyBatchInput,
  submissionId: string,
  snapshot: PersistedCopyBatch,
): CopyBatchRecord {
  return {
    schema: BATCH_RECORD_SCHEMA,
    machineId: COPY_BATCH_MACHINE_ID,
    machineVersion: COPY_BATCH_MACHINE_VERSION,
    batchId: input.batchId,
    submissionId,
    requesterUserId: input.requester.userId,
    snapshot,
    outbox: planBatchOutbox(toBatchView(snapshot), {}),
    updatedAt: input.createdAt,
  };
}

export function batchRecordView(record: CopyBatchRecord): BatchView {
  return toBatchView(record.snapshot);
}

/** Why this process must not run the batch, or undefined when it can. */
export function batchRestoreProblem(record: CopyBatchRecord): string | undefined {
  if (record.schema !== BATCH_RECORD_SCHEMA)
    return `batch record schema ${record.schema} is not ${BATCH_RECORD_SCHEMA}`;
  if (record.machineId !== COPY_BATCH_MACHINE_ID || record.machineVersion !== COPY_BATCH_MACHINE_VERSION) {
    return `snapshot of machine ${record.machineId} v${record.machineVersion}, this process runs ${COPY_BATCH_MACHINE_ID} v${COPY_BATCH_MACHINE_VERSION}`;
  }
  return undefined;
}

export function isFinalBatchStatus(status: BatchStatus): boolean {
  return FINAL_BATCH_STATUSES.includes(status);
}

/** Whole percent of the batch's GiB copied, weighted by size, so the card moves as the data does. */
function progressPercent(view: BatchView): number {
  const total = view.items.reduce((sum, item) => sum + (item.sizeGiB ?? 1), 0);
  if (total === 0) return 0;
  const copied = view.items.reduce((sum, item) => sum + ((item.sizeGiB ?? 1) * item.progress) / 100, 0);
  return Math.floor((copied / total) * 100);
}

/**
 * The card changes with the counts, the status and whole percents (and whole minutes left), not
 * with every poll of every item: one batch card stays within chat.update's budget.
 */
function slotContent(slot: NotificationSlot, view: BatchView, hasSlot: boolean): unknown {
  switch (slot) {
    case 'card':
      return {
        status: view.status,
        approval: view.approval,
        counts: view.counts,
        progress: progressPercent(view),
        minutesLeft:
          view.remainTimeSeconds === undefined ? undefined : Math.ceil(view.remainTimeSeconds / 60),
        failure: view.failure,
        cancellation: view.cancellation,
        selected: view.digest,
      };
    case 'approval':
      return approvalSlotContent(view, hasSlot);
    case 'outcome':
      return isFinalBatchStatus(view.status) ? { status: view.status } : undefined;
  }
}

export function planBatchOutbox(view: BatchView, outbox: Outbox<BatchStatus>): Outbox<BatchStatus> {
  return planSlots(outbox, (slot) => slotContent(slot, view, outbox[slot] !== undefined), view.status);
}
