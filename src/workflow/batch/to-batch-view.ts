/** What a batch looks like from outside, read from its machine's snapshot. */
import type { StateValue } from 'xstate';
import { topLevelState } from '../to-request-view.ts';
import type { CopyBatchContext, ItemState } from './copy-batch-context.ts';
import {
  BATCH_STATUSES,
  type BatchCounts,
  type BatchItemView,
  type BatchStatus,
  type BatchView,
} from './copy-batch-view.ts';

export interface CopyBatchSnapshotLike {
  value: StateValue;
  context: CopyBatchContext;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(BATCH_STATUSES);

const isBatchStatus = (state: string): state is BatchStatus => KNOWN_STATUSES.has(state);

export function batchStatusOf(value: StateValue): BatchStatus {
  const state = topLevelState(value);
  if (!isBatchStatus(state)) throw new Error(`unknown copy batch state: ${state}`);
  return state;
}

/** An item whose copy request is not created yet. */
export const PENDING_ITEM: ItemState = { status: 'pending', progress: 0 };

type CountedAs = Exclude<keyof BatchCounts, 'total'>;

/** Which count an item adds to: a copy waiting for its region's slot is queued, not copying. */
function countedAs(item: BatchItemView): CountedAs {
  switch (item.status) {
    case 'pending':
    case 'validating':
    case 'estimating':
    case 'awaitingApproval':
      return 'pending';
    case 'copying':
      return item.queued ? 'queued' : 'copying';
    case 'inProgress':
      return 'copying';
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
    case 'rejected':
    case 'expired':
      return 'failed';
  }
}

export function countItems(items: readonly BatchItemView[]): BatchCounts {
  const counts: BatchCounts = {
    total: items.length,
    pending: 0,
    queued: 0,
    copying: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const item of items) counts[countedAs(item)]++;
  return counts;
}

export function toBatchView(snapshot: CopyBatchSnapshotLike): BatchView {
  const { context } = snapshot;
  const selection = context.selection;
  const items: BatchItemView[] = (selection?.items ?? []).map((planned, index) => ({
    ...planned,
    ...(context.items[index] ?? PENDING_ITEM),
  }));
  const remaining = items.flatMap((item) =>
    item.remainTimeSeconds !== undefined && countedAs(item) === 'copying' ? [item.remainTimeSeconds] : [],
  );
  const view: BatchView = {
    batchId: context.batchId,
    status: batchStatusOf(snapshot.value),
    parameters: context.parameters,
    requester: context.requester,
    createdAt: context.createdAt,
    updatedAt: context.updatedAt,
    approval: context.approval,
    items,
    refused: selection?.refused ?? [],
    counts: countItems(items),
    totalGiB: items.reduce((sum, item) => sum + (item.sizeGiB ?? 0), 0),
  };
  if (selection) {
    view.digest = selection.digest;
    view.disksFound = selection.disksFound;
    if (selection.estimate) view.estimate = selection.estimate;
    if (selection.key) view.key = selection.key;
  }
  if (remaining.length > 0) view.remainTimeSeconds = Math.max(...remaining);
  if (context.failure) view.failure = context.failure;
  if (context.cancellation) view.cancellation = context.cancellation;
  return view;
}
