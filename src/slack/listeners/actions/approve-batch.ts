/** Approve a batch, bound to the selection the approver was shown (the digest in the button). */
import type { BatchDecisionResult } from '../../../workflow/batch/copy-batch-service.ts';
import { type BatchApprovalTarget, readBatchApprovalValue } from '../../batch-click-value.ts';
import { batchDecisionRefusal } from '../../decision-replies.ts';
import { publishHome } from '../../home-publisher.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { storedClick } from './stored-click.ts';

export function approveBatch(deps: ListenerDeps) {
  return storedClick<BatchApprovalTarget, Extract<BatchDecisionResult, { ok: false }>>({
    target: readBatchApprovalValue,
    change: ({ batchId, digest }, userId) => deps.batches.approve(batchId, userId, digest),
    refusalText: ({ batchId }, refused) => batchDecisionRefusal(batchId, refused),
    async afterwards({ client }, context) {
      if (context.view?.type === 'home') await publishHome(client, deps, context.userId);
    },
  });
}
