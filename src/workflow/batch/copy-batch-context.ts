/**
 * The plain-JSON shapes of one batch's machine: what it was asked, what the selection found,
 * the one decision, and the last known state of each item's copy request.
 */
import type { BatchItem, BatchParameters, BatchRefusal } from '../../domain/copy-batch.ts';
import type { ApprovalDecision, Requester } from '../../domain/copy-request.ts';
import type { CostEstimate } from '../../domain/cost-estimate.ts';
import type { ResolvedKey } from '../request-view.ts';
import type { BatchEstimate, BatchItemView, BatchView } from './copy-batch-view.ts';

export interface CopyBatchInput {
  batchId: string;
  parameters: BatchParameters;
  requester: Requester;
  createdAt: number;
  approvalTtlMs: number;
}

/** An item as the selection fixed it: the snapshot, and what copying it was estimated to cost. */
export interface PlannedItem extends BatchItem {
  estimate: CostEstimate;
}

/** What the leader's selection found, fixed into the batch before anyone decides on it. */
export interface FixedSelection {
  items: PlannedItem[];
  refused: BatchRefusal[];
  disksFound: number;
  estimate?: BatchEstimate;
  key?: ResolvedKey;
  approval: ApprovalDecision;
  digest: string;
}

/** The last known state of an item's copy request, as the batch shows it. */
export type ItemState = Pick<
  BatchItemView,
  | 'requestId'
  | 'status'
  | 'progress'
  | 'remainTimeSeconds'
  | 'newSnapshotId'
  | 'queued'
  | 'failure'
  | 'refusals'
  | 'cancellation'
>;

export interface CopyBatchContext extends CopyBatchInput {
  updatedAt: number;
  selection?: FixedSelection;
  approval: BatchView['approval'];
  /** Index-aligned with `selection.items`; empty until the items are created. */
  items: ItemState[];
  failure?: NonNullable<BatchView['failure']>;
  cancellation?: NonNullable<BatchView['cancellation']>;
}

export type CopyBatchEvent =
  | { type: 'SELECTED'; selection: FixedSelection; at: number }
  | { type: 'SELECTION_FAILED'; code: string; hint: string; at: number }
  | { type: 'APPROVE'; by: string; digest: string; at: number }
  | { type: 'REJECT'; by: string; reason: string; at: number }
  | { type: 'CANCEL'; by: string; at: number }
  | { type: 'DEADLINE'; at: number }
  /** Sent by the batch's runtime whenever what its items' requests show has changed. */
  | { type: 'ITEMS_CHANGED'; items: ItemState[]; at: number };
