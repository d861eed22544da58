/** Cancel a batch from its card (after Slack's confirm dialog): queued items stop, finished ones stay. */
import { batchCancelRefusal } from '../../decision-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { idValue, storedClick } from './stored-click.ts';

export function cancelBatch(deps: ListenerDeps) {
  return storedClick({
    target: idValue,
    change: (batchId, userId) => deps.batches.cancel(batchId, userId),
    refusalText: batchCancelRefusal,
  });
}
