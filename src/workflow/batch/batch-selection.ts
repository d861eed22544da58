/** PLACEHOLDER: replaced by the selection helper (selectBatch). */
import type { BatchItem, BatchRefusal } from '../../domain/copy-batch.ts';
import type { ApprovalDecision, CopyParameters, Refusal } from '../../domain/copy-request.ts';
import type { CostEstimate } from '../../domain/cost-estimate.ts';
import type { ResolvedKey } from '../request-view.ts';
import type { BatchEstimate } from './copy-batch-view.ts';

export interface SelectedItem extends BatchItem {
  parameters: CopyParameters;
  estimate: CostEstimate;
}

export interface BatchSelection {
  items: SelectedItem[];
  refused: BatchRefusal[];
  disksFound: number;
  /** Refusals of the batch as a whole (unknown region, key, KMS, bad name): nothing can be copied. */
  refusals: Refusal[];
  estimate?: BatchEstimate;
  approval: ApprovalDecision;
  key?: ResolvedKey;
}
