/**
 * CopyRequestService over the runtime: who may do what (SPEC §5, §7), checked here against the
 * approver directory and again by the machine's guards; each change resolves only once the
 * resulting state is durable. On a replica that does not run the requests, a change that passes
 * these checks is relayed to the leader, whose answer it returns (or `pending` when slow).
 */
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import type { CopyParameters, Refusal, Requester } from '../domain/copy-request.ts';
import { validateParameters, validateRequest } from '../domain/validate-request.ts';
import type { Logger } from '../observability/logger.ts';
import type { AuditLog } from '../store/store.ts';
import type { ApproverDirectory } from './approver-directory.ts';
import type { Clock } from './clock.ts';
import type { DecisionEvent } from './copy-request-context.ts';
import type {
  AcceptedResult,
  CancelResult,
  CopyRequestService,
  DecisionResult,
  SubmitResult,
} from './copy-request-service.ts';
import type { Relayed } from './leader-relay.ts';
import { isFinalStatus } from './notification-outbox.ts';
import { gatherRequestFacts } from './request-facts.ts';
import type { RequestHost } from './request-host.ts';
import type { RelayedCommand, RelayedResult } from './request-inbox.ts';
import { awaitingDecisionOf, requestedBy } from './request-listings.ts';
import type { RequestView } from './request-view.ts';

const idOf = (view: RequestView) => view.requestId;

/** The runtime's side of the service: where requests live and how a new one is opened. */
export interface RequestRegistry {
  /** Creates the request (or finds the one this submission already created) and starts its actor. */
  open(parameters: CopyParameters, requester: Requester, submissionId: string): Promise<AcceptedResult>;
  /** The request's actor, when it runs in this process. */
  live(requestId: string): RequestHost | undefined;
  /** Every open request: the live ones on the leader, as stored elsewhere. */
  openViews(): Promise<RequestView[]>;
  /** Any request this store knows: live, open but not hosted, or archived. */
  find(requestId: string): Promise<RequestView | undefined>;
  archivedViews(): Promise<RequestView[]>;
  /** Hands a change to the leader when this replica does not run the requests. */
  relay<C extends RelayedCommand>(command: C): Promise<Relayed<RelayedResult<C>>>;
}

export interface RequestServiceDeps {
  registry: RequestRegistry;
  approvers: ApproverDirectory;
  gateway: CloudGateway;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

type DecisionFailure = Extract<DecisionResult, { ok: false }>['reason'];
type DecisionCommand = Extract<RelayedCommand, { kind: 'approve' | 'reject' }>;

export function createCopyRequestService(deps: RequestServiceDeps): CopyRequestService {
  const { registry, approvers, clock, logger } = deps;

  async function refused(requestId: string, actor: string, action: string, reason: string): Promise<void> {
    try {
      await deps.audit.append({ requestId, at: clock.now(), actor, action, detail: { reason } });
    } catch (error) {
      logger.error('audit entry not written', { requestId, action, error });
    }
  }

  /** Why a request that is not waiting for a decision cannot take one. */
  const notOpenForDecision = (view: RequestView): DecisionFailure =>
    view.approval.decidedBy ? 'alreadyDecided' : 'notAwaitingApproval';

  /** The leader's answer to a change this replica cannot make itself, or `refusal` on the leader. */
  async function relayed<C extends RelayedCommand>(
    command: C,
    before: RequestView,
    refusal: RelayedResult<C>,
  ): Promise<RelayedResult<C> | AcceptedResult> {
    const outcome = await registry.relay(command);
    if (outcome.outcome === 'applied') return outcome.result;
    if (outcome.outcome === 'recorded') return { ok: true, request: before, pending: true };
    return refusal;
  }

  async function decide(command: DecisionCommand): Promise<DecisionResult> {
    const { kind: action, requestId, userId: approverUserId } = command;
    const known = await registry.find(requestId);
    if (!known) return { ok: false, reason: 'notFound' };
    if (!(await approvers.isApprover(approverUserId))) {
      await refused(requestId, approverUserId, `${action}.refused`, 'notAllowed');
      return { ok: false, reason: 'notAllowed', request: known };
    }
    if (known.requester.userId === approverUserId) {
      await refused(requestId, approverUserId, `${action}.refused`, 'selfApproval');
      return { ok: false, reason: 'selfApproval', request: known };
    }
    // From here on nothing awaits until the event is sent, so the state checked is the state decided on.
    const host = registry.live(requestId);
    const before = host?.view() ?? known;
    const refusal: DecisionResult = { ok: false, reason: notOpenForDecision(before), request: before };
    if (before.status !== 'awaitingApproval') return refusal;
    if (!host) return relayed(command, before, refusal);
    const at = clock.now();
    const event: DecisionEvent =
      command.kind === 'approve'
        ? { type: 'APPROVE', by: approverUserId, at }
        : { type: 'REJECT', by: approverUserId, reason: command.reason, at };
    host.send(event);
    const after = host.view();
    if (after.approval.decidedBy !== approverUserId) {
      return { ok: false, reason: notOpenForDecision(after), request: after };
    }
    await host.flush();
    return { ok: true, request: host.view() };
  }

  return {
    async check(parameters) {
      try {
        return validateRequest(parameters, await gatherRequestFacts(deps.gateway, parameters));
      } catch (error) {
        // Malformed parameters can make the cloud lookups fail; those refusals are known anyway.
        const refusals: Refusal[] = validateParameters(parameters);
        if (refusals.length > 0) return refusals;
        throw error;
      }
    },

    async submit(parameters, requester, submissionId): Promise<SubmitResult> {
      const refusals = validateParameters(parameters);
      if (refusals.length > 0) return { ok: false, refusals };
      return registry.open(parameters, requester, submissionId);
    },

    approve: (requestId, userId) => decide({ kind: 'approve', requestId, userId }),

    async reject(requestId, userId, reason) {
      if (reason.trim().length === 0) return { ok: false, reason: 'reasonRequired' };
      return decide({ kind: 'reject', requestId, userId, reason: reason.trim() });
    },

    async cancel(requestId, userId): Promise<CancelResult> {
      const known = await registry.find(requestId);
      if (!known) return { ok: false, reason: 'notFound' };
      if (isFinalStatus(known.status)) return { ok: false, reason: 'alreadyFinished', request: known };
      if (known.requester.userId !== userId && !(await approvers.isApprover(userId))) {
        await refused(requestId, userId, 'cancel.refused', 'notAllowed');
        return { ok: false, reason: 'notAllowed', request: known };
      }
      const host = registry.live(requestId);
      const before = host?.view() ?? known;
      const refusal: CancelResult = { ok: false, reason: 'alreadyFinished', request: before };
      if (isFinalStatus(before.status)) return refusal;
      if (!host) return relayed({ kind: 'cancel', requestId, userId }, before, refusal);
      host.send({ type: 'CANCEL', by: userId, at: clock.now() });
      await host.flush();
      return { ok: true, request: host.view() };
    },

    get: (requestId) => registry.find(requestId),

    async listByRequester(userId) {
      const listed = requestedBy(userId, await registry.openViews(), await registry.archivedViews(), idOf);
      // A batch's items are listed by their batch.
      return listed.filter((view) => !view.batch);
    },

    async listAwaitingApproval(approverUserId) {
      if (!(await approvers.isApprover(approverUserId))) return [];
      return awaitingDecisionOf(approverUserId, await registry.openViews()).filter((view) => !view.batch);
    },

    isApprover: (userId) => approvers.isApprover(userId),
  };
}
