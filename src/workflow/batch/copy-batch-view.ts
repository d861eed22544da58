/** What the outside world (Slack, the audit export, the App Home) may know about one batch. */
import type { BatchItem, BatchParameters, BatchRefusal } from '../../domain/copy-batch.ts';
import type { Requester } from '../../domain/copy-request.ts';
import type { CostEstimate, Money } from '../../domain/cost-estimate.ts';
import type { RequestStatus, RequestView, ResolvedKey } from '../request-view.ts';

export const BATCH_STATUSES = [
  'selecting',
  'awaitingApproval',
  'running',
  'cancelling',
  'done',
  'partiallyDone',
  'failed',
  'rejected',
  'expired',
  'cancelled',
] as const;

export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const FINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  'done',
  'partiallyDone',
  'failed',
  'rejected',
  'expired',
  'cancelled',
];

/** The sum of the items' estimates, with each item's own estimate kept beside its item. */
export interface BatchEstimate {
  total: Money;
  transferFee: Money;
  storageFeePerMonth: Money;
  kmsFee?: Money;
  billedSizeGiB: number;
  /** True when any item's billed size is only an upper bound (incremental copies). */
  isUpperBound: boolean;
  prices: CostEstimate['prices'];
}

/** One item as people see it: the selection's facts, then what its copy request has done. */
export interface BatchItemView extends BatchItem {
  /** The child copy request; absent until the batch is approved and the request created. */
  requestId?: string;
  /** `pending`: not created yet (before approval, or created on the next restart). */
  status: RequestStatus | 'pending';
  estimate?: CostEstimate;
  progress: number;
  remainTimeSeconds?: number;
  newSnapshotId?: string;
  queued?: boolean;
  failure?: RequestView['failure'];
  /** Refusals of the child's own validation (the cloud changed after the selection). */
  refusals?: RequestView['refusals'];
  cancellation?: RequestView['cancellation'];
}

export interface BatchCounts {
  total: number;
  pending: number;
  queued: number;
  copying: number;
  done: number;
  failed: number;
  cancelled: number;
}

export interface BatchView {
  batchId: string;
  status: BatchStatus;
  parameters: BatchParameters;
  requester: Requester;
  createdAt: number;
  updatedAt: number;
  /** What the approval is bound to (copy-batch.ts `batchDigest`); absent while selecting. */
  digest?: string;
  /** As a single request's: the one decision for every item. */
  approval: RequestView['approval'];
  estimate?: BatchEstimate;
  key?: ResolvedKey;
  items: BatchItemView[];
  /** Disks found but left out, with the reason; the approval covers only `items`. */
  refused: BatchRefusal[];
  /** How many disks the selector found in all (items plus refused). */
  disksFound?: number;
  counts: BatchCounts;
  totalGiB: number;
  /** The longest RemainTime of the items still copying, when the cloud reported one. */
  remainTimeSeconds?: number;
  /** Set when the selection itself failed (no disk found, the cloud refused): status failed. */
  failure?: { code: string; hint: string };
  cancellation?: { by: string; at: number };
}
