/** The reject modal was submitted: the reason is required, and a refusal shows inline when known in time. */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { type RejectSubject, readRejectModalMetadata } from '../../blocks/reject-modal.ts';
import { batchDecisionRefusal, decisionRefusal } from '../../decision-replies.ts';
import { publishHome } from '../../home-publisher.ts';
import { interactionContext, viewRef } from '../../payload-guards.ts';
import { REJECT_REASON_INPUT } from '../../slack-ids.ts';
import { withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';
import { elementStates, elementValue } from '../../view-state.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function rejectReasonSubmitted(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const context = interactionContext(body);
    const ref = viewRef(view);
    const metadata = readRejectModalMetadata(ref?.raw.private_metadata);
    if (!context || !ref || !metadata) return ack();
    const reason = elementValue(elementStates(ref.raw).get(REJECT_REASON_INPUT.actionId));
    const inline = (message: string) =>
      ack({ response_action: 'errors', errors: { [REJECT_REASON_INPUT.blockId]: message } });
    if (!reason) return inline('Say why you reject the request: the requester sees the reason.');

    const decision = reject(deps, metadata.subject, context.userId, reason);
    const early = await withinBudget(decision, deps.submitCheckBudgetMs);
    if (early && !early.ok) return inline(early.refusal);
    await ack();
    const result = early ?? (await decision);
    if (!result.ok) {
      const target = {
        client,
        userId: context.userId,
        ...(metadata.channelId ? { channelId: metadata.channelId } : {}),
      };
      await replyPrivately(target, result.refusal);
    }
    if (metadata.fromHome) await publishHome(client, deps, context.userId);
  };
}

type Rejection = { ok: true } | { ok: false; refusal: string };

/** The request's or the batch's service decides; its refusal comes back as one sentence. */
async function reject(
  deps: ListenerDeps,
  subject: RejectSubject,
  userId: string,
  reason: string,
): Promise<Rejection> {
  if (subject.kind === 'batch') {
    const result = await deps.batches.reject(subject.id, userId, reason);
    return result.ok ? result : { ok: false, refusal: batchDecisionRefusal(subject.id, result) };
  }
  const result = await deps.service.reject(subject.id, userId, reason);
  return result.ok ? result : { ok: false, refusal: decisionRefusal(subject.id, result) };
}
