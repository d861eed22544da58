/** What a request looks like from outside, read from its actor's snapshot (live or persisted). */
import type { StateValue } from 'xstate';
import type { CopyRequestContext } from './copy-request-context.ts';
import type { RequestStatus, RequestView } from './request-view.ts';

export interface CopyRequestSnapshotLike {
  value: StateValue;
  context: CopyRequestContext;
}

/** The top-level state, e.g. `copying` for `{ copying: 'waitingToRetry' }`. */
export function topLevelState(value: StateValue): string {
  return typeof value === 'string' ? value : (Object.keys(value)[0] ?? '');
}

/** A full state path for logs and the audit trail, e.g. `copying.waitingToRetry`. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) return '';
  return child === undefined ? key : `${key}.${statePath(child)}`;
}

const STATUS_OF_STATE: Record<string, RequestStatus> = {
  validating: 'validating',
  estimating: 'estimating',
  awaitingApproval: 'awaitingApproval',
  copying: 'copying',
  inProgress: 'inProgress',
  // The copy still exists while its deletion is under way; the outcome says what happened.
  cancelling: 'inProgress',
  done: 'done',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

export function requestStatusOf(value: StateValue): RequestStatus {
  const status = STATUS_OF_STATE[topLevelState(value)];
  if (!status) throw new Error(`unknown copy request state: ${statePath(value)}`);
  return status;
}

export function toRequestView(snapshot: CopyRequestSnapshotLike): RequestView {
  const { context } = snapshot;
  const view: RequestView = {
    requestId: context.requestId,
    status: requestStatusOf(snapshot.value),
    parameters: context.parameters,
    requester: context.requester,
    ...(context.batch ? { batch: { batchId: context.batch.batchId, index: context.batch.index } } : {}),
    createdAt: context.createdAt,
    updatedAt: context.updatedAt,
    approval: context.approval ?? { required: false, reasons: [] },
  };
  if (context.estimate) view.estimate = context.estimate;
  if (context.source) view.source = context.source;
  if (context.key) view.key = context.key;
  if (context.refusals?.length) view.refusals = context.refusals;
  if (context.copy) view.copy = context.copy;
  if (context.failure) view.failure = context.failure;
  if (context.cancellation) view.cancellation = context.cancellation;
  return view;
}
