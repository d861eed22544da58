/** Reject a batch, all of its snapshots at once: the same reason modal as for a request. */
import { batchDecisionRefusal } from '../../decision-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { rejectCheckOf, rejectClick } from './reject-click.ts';

export function rejectBatch(deps: ListenerDeps) {
  return rejectClick({
    kind: 'batch',
    async check(batchId, userId) {
      const [batch, approver] = await Promise.all([
        deps.batches.get(batchId),
        deps.service.isApprover(userId),
      ]);
      return rejectCheckOf(batch, approver);
    },
    async refusalText(batchId, reason) {
      const batch = await deps.batches.get(batchId);
      return batchDecisionRefusal(batchId, { ok: false, reason, ...(batch ? { batch } : {}) });
    },
  });
}
