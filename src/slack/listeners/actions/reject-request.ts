/**
 * Reject asks for a reason in a small modal. Clicks that would be refused anyway (not an
 * approver, own request, already decided) are answered at once instead of opening it.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CopyRequestService, DecisionResult } from '../../../workflow/copy-request-service.ts';
import { buildRejectModal } from '../../blocks/reject-modal.ts';
import { decisionRefusal } from '../../decision-replies.ts';
import { actionValue, interactionContext } from '../../payload-guards.ts';
import { withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';

/** Leaves most of the trigger's three seconds for views.open. */
const PRECHECK_BUDGET_MS = 1000;

export function rejectRequest(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const context = interactionContext(body);
    const requestId = actionValue(action);
    const triggerId = (body as { trigger_id?: unknown }).trigger_id;
    if (!context || !requestId || typeof triggerId !== 'string') return;
    const refusal = await withinBudget(precheck(deps.service, requestId, context.userId), PRECHECK_BUDGET_MS);
    if (refusal) {
      await replyPrivately({ client, respond, ...context }, decisionRefusal(requestId, refusal));
      return;
    }
    await client.views.open({
      trigger_id: triggerId,
      view: buildRejectModal({
        requestId,
        ...(context.channelId ? { channelId: context.channelId } : {}),
        fromHome: context.view?.type === 'home',
      }),
    });
  };
}

type Refusal = Extract<DecisionResult, { ok: false }>;

/** The refusal the service would give, as far as can be told without deciding. */
async function precheck(
  service: CopyRequestService,
  requestId: string,
  userId: string,
): Promise<Refusal | undefined> {
  const [request, approver] = await Promise.all([service.get(requestId), service.isApprover(userId)]);
  if (!request) return { ok: false, reason: 'notFound' };
  if (!approver) return { ok: false, reason: 'notAllowed', request };
  if (request.requester.userId === userId) return { ok: false, reason: 'selfApproval', request };
  if (request.approval.decidedBy) return { ok: false, reason: 'alreadyDecided', request };
  if (request.status !== 'awaitingApproval') return { ok: false, reason: 'notAwaitingApproval', request };
  return undefined;
}
