/**
 * CopyRequestService over the runtime: who may do what (SPEC §5, §7), checked here against the
 * approver directory and again by the machine's guards; each change resolves only once the
 * resulting state is durable.
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
  CancelResult,
  CopyRequestService,
  DecisionResult,
  SubmitResult,
} from './copy-request-service.ts';
import { isFinalStatus } from './notification-outbox.ts';
import { gatherRequestFacts } from './request-facts.ts';
import type { RequestHost } from './request-host.ts';
import type { RequestView } from './request-view.ts';

/** The runtime's side of the service: where requests live and how a new one is opened. */
export interface RequestRegistry {
  /** Creates the request (or finds the one this submission already created) and starts its actor. */
  open(parameters: CopyParameters, requester: Requester, submissionId: string): Promise<RequestView>;
  live(requestId: string): RequestHost | undefined;
  liveHosts(): RequestHost[];
  /** Any request this store knows: live, open but not hosted, or archived. */
  find(requestId: string): Promise<RequestView | undefined>;
  archivedViews(): Promise<RequestView[]>;
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

  async function decide(
    requestId: string,
    approverUserId: string,
    action: 'approve' | 'reject',
    event: (at: number) => DecisionEvent,
  ): Promise<DecisionResult> {
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
    if (!host || before.status !== 'awaitingApproval') {
      return { ok: false, reason: notOpenForDecision(before), request: before };
    }
    host.send(event(clock.now()));
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
      return { ok: true, request: await registry.open(parameters, requester, submissionId) };
    },

    approve: (requestId, approverUserId) =>
      decide(requestId, approverUserId, 'approve', (at) => ({ type: 'APPROVE', by: approverUserId, at })),

    async reject(requestId, approverUserId, reason) {
      if (reason.trim().length === 0) return { ok: false, reason: 'reasonRequired' };
      return decide(requestId, approverUserId, 'reject', (at) => ({
        type: 'REJECT',
        by: approverUserId,
        reason: reason.trim(),
        at,
      }));
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
      if (!host || isFinalStatus(before.status))
        return { ok: false, reason: 'alreadyFinished', request: before };
      host.send({ type: 'CANCEL', by: userId, at: clock.now() });
      await host.flush();
      return { ok: true, request: host.view() };
    },

    get: (requestId) => registry.find(requestId),

    async listByRequester(userId) {
      const live = registry.liveHosts().map((host) => host.view());
      const liveIds = new Set(live.map((view) => view.requestId));
      const archived = (await registry.archivedViews()).filter((view) => !liveIds.has(view.requestId));
      return [...live, ...archived]
        .filter((view) => view.requester.userId === userId)
        .sort((a, b) => b.createdAt - a.createdAt);
    },

    async listAwaitingApproval(approverUserId) {
      if (!(await approvers.isApprover(approverUserId))) return [];
      return registry
        .liveHosts()
        .map((host) => host.view())
        .filter((view) => view.status === 'awaitingApproval' && view.requester.userId !== approverUserId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },

    isApprover: (userId) => approvers.isApprover(userId),
  };
}
