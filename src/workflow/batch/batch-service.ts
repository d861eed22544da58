/**
 * CopyBatchService over the batch runtime: who may do what with a batch (SPEC §5, §7 applied to
 * the batch as one decision), checked here against the approver directory and again by the
 * machine's guards; each change resolves once the resulting state is durable.
 */
import type { CloudGateway } from '../../cloud/cloud-gateway.ts';
import type { BatchParameters } from '../../domain/copy-batch.ts';
import type { PriceTable } from '../../domain/price-table.ts';
import type { Logger } from '../../observability/logger.ts';
import type { AuditLog } from '../../store/store.ts';
import type { ApproverDirectory } from '../approver-directory.ts';
import type { Clock } from '../clock.ts';
import { batchParameterRefusals } from './batch-parameter-rules.ts';
import { isFinalBatchStatus } from './batch-record.ts';
import type { BatchRuntime } from './batch-runtime.ts';
import { selectBatch } from './batch-selection.ts';
import type { CopyBatchEvent } from './copy-batch-context.ts';
import type { BatchCancelResult, BatchDecisionResult, CopyBatchService } from './copy-batch-service.ts';
import type { BatchView } from './copy-batch-view.ts';

export interface BatchServiceDeps {
  batches: BatchRuntime;
  approvers: ApproverDirectory;
  /** Direct, not the background gateway: a person waits for the preview. */
  gateway: CloudGateway;
  prices: PriceTable;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Refuses with a reason when this process cannot change batches now (stopping, not leading). */
  whyNotRunning(): string | undefined;
}

type DecisionFailure = Extract<BatchDecisionResult, { ok: false }>['reason'];

export function createCopyBatchService(deps: BatchServiceDeps): CopyBatchService {
  const { batches, approvers, clock, logger } = deps;

  async function refused(batchId: string, actor: string, action: string, reason: string): Promise<void> {
    await deps.audit
      .append({ requestId: batchId, at: clock.now(), actor, action, detail: { reason } })
      .catch((error: unknown) => logger.error('audit entry not written', { batchId, action, error }));
  }

  function running(): void {
    const why = deps.whyNotRunning();
    if (why) throw new Error(why);
  }

  const notOpenForDecision = (view: BatchView): DecisionFailure =>
    view.approval.decidedBy ? 'alreadyDecided' : 'notAwaitingApproval';

  async function decide(
    batchId: string,
    approverUserId: string,
    action: 'approve' | 'reject',
    event: CopyBatchEvent,
    digest?: string,
  ): Promise<BatchDecisionResult> {
    const known = await batches.find(batchId);
    if (!known) return { ok: false, reason: 'notFound' };
    if (!(await approvers.isApprover(approverUserId))) {
      await refused(batchId, approverUserId, `${action}.refused`, 'notAllowed');
      return { ok: false, reason: 'notAllowed', batch: known };
    }
    if (known.requester.userId === approverUserId) {
      await refused(batchId, approverUserId, `${action}.refused`, 'selfApproval');
      return { ok: false, reason: 'selfApproval', batch: known };
    }
    running();
    const before = batches.live(batchId) ?? known;
    if (before.status !== 'awaitingApproval')
      return { ok: false, reason: notOpenForDecision(before), batch: before };
    if (digest !== undefined && digest !== before.digest) {
      await refused(batchId, approverUserId, `${action}.refused`, 'selectionChanged');
      return { ok: false, reason: 'selectionChanged', batch: before };
    }
    const after = (await batches.send(batchId, event)) ?? before;
    if (after.approval.decidedBy !== approverUserId) {
      return { ok: false, reason: notOpenForDecision(after), batch: after };
    }
    return { ok: true, batch: after };
  }

  return {
    preview: (parameters: BatchParameters) => selectBatch(deps.gateway, parameters, deps.prices),

    async submit(parameters, requester, submissionId) {
      const refusals = batchParameterRefusals(parameters);
      if (refusals.length > 0) return { ok: false, refusals };
      running();
      return { ok: true, batch: await batches.open(parameters, requester, submissionId) };
    },

    approve: (batchId, userId, digest) =>
      decide(batchId, userId, 'approve', { type: 'APPROVE', by: userId, digest, at: clock.now() }, digest),

    async reject(batchId, userId, reason) {
      if (reason.trim().length === 0) return { ok: false, reason: 'reasonRequired' };
      return decide(batchId, userId, 'reject', {
        type: 'REJECT',
        by: userId,
        reason: reason.trim(),
        at: clock.now(),
      });
    },

    async cancel(batchId, userId): Promise<BatchCancelResult> {
      const known = await batches.find(batchId);
      if (!known) return { ok: false, reason: 'notFound' };
      if (isFinalBatchStatus(known.status)) return { ok: false, reason: 'alreadyFinished', batch: known };
      if (known.requester.userId !== userId && !(await approvers.isApprover(userId))) {
        await refused(batchId, userId, 'cancel.refused', 'notAllowed');
        return { ok: false, reason: 'notAllowed', batch: known };
      }
      running();
      const after = await batches.send(batchId, { type: 'CANCEL', by: userId, at: clock.now() });
      if (!after || (isFinalBatchStatus(after.status) && !after.cancellation)) {
        return { ok: false, reason: 'alreadyFinished', batch: after ?? known };
      }
      return { ok: true, batch: after };
    },

    get: (batchId) => batches.find(batchId),

    async listByRequester(userId) {
      const open = await batches.openViews();
      const openIds = new Set(open.map((view) => view.batchId));
      const archived = (await batches.archivedViews()).filter((view) => !openIds.has(view.batchId));
      return [...open, ...archived]
        .filter((view) => view.requester.userId === userId)
        .sort((a, b) => b.createdAt - a.createdAt);
    },

    async listAwaitingApproval(approverUserId) {
      if (!(await approvers.isApprover(approverUserId))) return [];
      return (await batches.openViews())
        .filter((view) => view.status === 'awaitingApproval' && view.requester.userId !== approverUserId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
  };
}
