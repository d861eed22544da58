/**
 * What one user's lists show (`/snapcopy list`, the App Home): their requests and batches, and
 * for approvers what waits for them. A batch's items are not listed one by one: the batch is.
 */
import type { BatchView } from '../workflow/batch/copy-batch-view.ts';
import type { RequestView } from '../workflow/request-view.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';

export interface UserLists {
  own: RequestView[];
  ownBatches?: BatchView[];
  /** Undefined when the user is not an approver. */
  awaiting?: RequestView[];
  awaitingBatches?: BatchView[];
}

const notABatchItem = (view: RequestView) => view.batch === undefined;

export async function loadUserLists(
  deps: Pick<ListenerDeps, 'service' | 'batches'>,
  userId: string,
): Promise<UserLists> {
  const [own, ownBatches, approver] = await Promise.all([
    deps.service.listByRequester(userId),
    deps.batches.listByRequester(userId),
    deps.service.isApprover(userId),
  ]);
  const lists: UserLists = { own: own.filter(notABatchItem), ownBatches };
  if (!approver) return lists;
  const [awaiting, awaitingBatches] = await Promise.all([
    deps.service.listAwaitingApproval(userId),
    deps.batches.listAwaitingApproval(userId),
  ]);
  return { ...lists, awaiting: awaiting.filter(notABatchItem), awaitingBatches };
}
