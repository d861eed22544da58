/**
 * CopyBatchService over the batch runtime: who may do what with a batch (SPEC §5, §7 applied to
 * the batch as one decision), checked here against the approver directory and again by the
 * machine's guards; each change resolves once the resulting state is durable.
 */
import type { CloudGateway } from '../../cloud/cloud-gateway.ts';
import type { BatchParameters } from '../../domain/copy-batch.ts';
import type { PriceTable } from '../../domain/price-table.ts';
import { validateBatchParameters } from '../../domain/validate-batch.ts';
import type { Logger } from '../../observability/logger.ts';
import type { AuditLog } from '../../store/store.ts';
import type { ApproverDirectory } from '../approver-directory.ts';
import type { Clock } from '../clock.ts';
import type { Relayed } from '../leader-relay.ts';
import type { RelayedCommand, RelayedResult } from '../request-inbox.ts';
import { awaitingDecisionOf, requestedBy } from '../request-listings.ts';
import { isFinalBatchStatus } from './batch-record.ts';
import type { BatchRuntime } from './batch-runtime.ts';
import { selectBatch } from './batch-selection.ts';
import type { CopyBatchEvent } from './copy-batch-context.ts';
import type {
  AcceptedBatch,
  BatchCancelResult,
  BatchDecisionResult,
  CopyBatchService,
} from './copy-batch-service.ts';
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
  /** Why this process takes no changes now (it is stopping), or undefined. */
  stopping(): string | undefined;
  /** Hands a change to the leader when this replica does not run the batches. */
  relay<C extends BatchCommand>(command: C): Promise<Relayed<RelayedResult<C>>>;
}

type BatchCommand = Extract<RelayedCommand, { kind: `${string}Batch` }>;
type DecisionCommand = Extract<BatchCommand, { kind: 'approveBatch' | 'rejectBatch' }>;

type DecisionFailure = Extract<BatchDecisionResult, { ok: false }>['reason'];

export function createCopyBatchService(deps: BatchServiceDeps): CopyBatchService {
  const { batches, approvers, clock, logger } = deps;

  async function refused(batchId: string, actor: string, action: string, reason: string): Promise<void> {
    await deps.audit
      .append({ requestId: batchId, at: clock.now(), actor, action, detail: { reason } })
      .catch((error: unknown) => logger.error('audit entry not written', { batchId, action, error }));
  }

  function refuseWhileStopping(): void {
    const why = deps.stopping();
    if (why) throw new Error(why);
  }

  /**
   * The leader's answer to a change this replica does not run, `pending` when the leader is slow
   * to apply it, or undefined on the leader itself, which goes on to make the change.
   */
  async function relayed<C extends BatchCommand>(
    command: C,
    before: BatchView,
  ): Promise<RelayedResult<C> | AcceptedBatch | undefined> {
    const outcome = await deps.relay(command);
    if (outcome.outcome === 'applied') return outcome.result;
    if (outcome.outcome === 'recorded') return { ok: true, batch: before, pending: true };
    return undefined;
  }

  const notOpenForDecision = (view: BatchView): DecisionFailure =>
    view.approval.decidedBy ? 'alreadyDecided' : 'notAwaitingApproval';

  async function decide(command: DecisionCommand, event: CopyBatchEvent): Promise<BatchDecisionResult> {
    const { batchId, userId } = command;
    const action = command.kind === 'approveBatch' ? 'approve' : 'reject';
    const known = await batches.find(batchId);
    if (!known) return { ok: false, reason: 'notFound' };
    if (!(await approvers.isApprover(userId))) {
      await refused(batchId, userId, `${action}.refused`, 'notAllowed');
      return { ok: false, reason: 'notAllowed', batch: known };
    }
    if (known.requester.userId === userId) {
      await refused(batchId, userId, `${action}.refused`, 'selfApproval');
      return { ok: false, reason: 'selfApproval', batch: known };
    }
    refuseWhileStopping();
    const before = batches.live(batchId) ?? known;
    if (before.status !== 'awaitingApproval') {
      return { ok: false, reason: notOpenForDecision(before), batch: before };
    }
    if (command.kind === 'approveBatch' && command.digest !== before.digest) {
      await refused(batchId, userId, `${action}.refused`, 'selectionChanged');
      return { ok: false, reason: 'selectionChanged', batch: before };
    }
    const elsewhere = await relayed(command, before);
    if (elsewhere) return elsewhere;
    const after = (await batches.send(batchId, event)) ?? before;
    if (after.approval.decidedBy !== userId)
      return { ok: false, reason: notOpenForDecision(after), batch: after };
    return { ok: true, batch: after };
  }

  return {
    preview: (parameters: BatchParameters) => selectBatch(deps.gateway, parameters, deps.prices),

    async submit(parameters, requester, submissionId) {
      const refusals = validateBatchParameters(parameters);
      if (refusals.length > 0) return { ok: false, refusals };
      refuseWhileStopping();
      const batchId = await batches.claimSubmission(submissionId);
      const command = { kind: 'submitBatch' as const, batchId, parameters, requester, submissionId };
      const elsewhere = await relayed(command, batches.unstarted(batchId, parameters, requester));
      return (
        elsewhere ?? { ok: true, batch: await batches.open(batchId, parameters, requester, submissionId) }
      );
    },

    approve: (batchId, userId, digest) =>
      decide(
        { kind: 'approveBatch', batchId, userId, digest },
        { type: 'APPROVE', by: userId, digest, at: clock.now() },
      ),

    async reject(batchId, userId, reason) {
      const trimmed = reason.trim();
      if (trimmed.length === 0) return { ok: false, reason: 'reasonRequired' };
      return decide(
        { kind: 'rejectBatch', batchId, userId, reason: trimmed },
        { type: 'REJECT', by: userId, reason: trimmed, at: clock.now() },
      );
    },

    async cancel(batchId, userId): Promise<BatchCancelResult> {
      const known = await batches.find(batchId);
      if (!known) return { ok: false, reason: 'notFound' };
      if (isFinalBatchStatus(known.status)) return { ok: false, reason: 'alreadyFinished', batch: known };
      if (known.requester.userId !== userId && !(await approvers.isApprover(userId))) {
        await refused(batchId, userId, 'cancel.refused', 'notAllowed');
        return { ok: false, reason: 'notAllowed', batch: known };
      }
      refuseWhileStopping();
      const elsewhere = await relayed(
        { kind: 'cancelBatch', batchId, userId },
        batches.live(batchId) ?? known,
      );
      if (elsewhere) return elsewhere;
      const after = await batches.send(batchId, { type: 'CANCEL', by: userId, at: clock.now() });
      if (!after?.cancellation) return { ok: false, reason: 'alreadyFinished', batch: after ?? known };
      return { ok: true, batch: after };
    },

    get: (batchId) => batches.find(batchId),

    listByRequester: async (userId) =>
      requestedBy(userId, await batches.openViews(), await batches.archivedViews(), (view) => view.batchId),

    async listAwaitingApproval(approverUserId) {
      if (!(await approvers.isApprover(approverUserId))) return [];
      return awaitingDecisionOf(approverUserId, await batches.openViews());
    },
  };
}
