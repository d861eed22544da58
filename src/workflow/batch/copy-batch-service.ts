/** The batch side of the workflow's API for the edge: no Slack or SDK types inside. */
import type { BatchField, BatchParameters } from '../../domain/copy-batch.ts';
import type { Refusal, Requester } from '../../domain/copy-request.ts';
import type { BatchSelection } from './batch-selection.ts';
import type { BatchView } from './copy-batch-view.ts';

/** `pending`: relayed to the leader, which had not applied it within the wait (see AcceptedResult). */
export type AcceptedBatch = { ok: true; batch: BatchView; pending?: true };

export type BatchSubmitResult = AcceptedBatch | { ok: false; refusals: Refusal<BatchField>[] };

export type BatchDecisionResult =
  | AcceptedBatch
  | {
      ok: false;
      reason:
        | 'notFound'
        | 'notAllowed'
        | 'selfApproval'
        | 'alreadyDecided'
        | 'notAwaitingApproval'
        | 'reasonRequired'
        /** The click was made on another list of snapshots than the batch holds. */
        | 'selectionChanged';
      batch?: BatchView;
    };

export type BatchCancelResult =
  | AcceptedBatch
  | { ok: false; reason: 'notFound' | 'notAllowed' | 'alreadyFinished'; batch?: BatchView };

export interface CopyBatchService {
  /** What the selection finds now, with each item's refusals and estimate; nothing is changed. */
  preview(parameters: BatchParameters): Promise<BatchSelection>;
  /** Refusals of the parameters alone (no cloud call); the selection runs on the leader after. */
  submit(parameters: BatchParameters, requester: Requester, submissionId: string): Promise<BatchSubmitResult>;
  /** `digest` is the one the approver was shown; another one is refused with `selectionChanged`. */
  approve(batchId: string, approverUserId: string, digest: string): Promise<BatchDecisionResult>;
  reject(batchId: string, approverUserId: string, reason: string): Promise<BatchDecisionResult>;
  /** Stops queued items, deletes copies in progress, keeps finished ones. */
  cancel(batchId: string, userId: string): Promise<BatchCancelResult>;
  get(batchId: string): Promise<BatchView | undefined>;
  listByRequester(userId: string): Promise<BatchView[]>;
  listAwaitingApproval(approverUserId: string): Promise<BatchView[]>;
}
