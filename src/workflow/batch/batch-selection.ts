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

export async function selectBatch(
  _gateway: import('../../cloud/cloud-gateway.ts').CloudGateway,
  _parameters: import('../../domain/copy-batch.ts').BatchParameters,
  _prices: import('../../domain/price-table.ts').PriceTable,
): Promise<BatchSelection> {
  throw new Error('PLACEHOLDER: selectBatch is being written on branch select');
}
