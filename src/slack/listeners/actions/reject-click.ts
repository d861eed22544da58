/**
 * Reject asks for a reason in a small modal. Clicks that would be refused anyway (not an
 * approver, own request, already decided) are answered at once instead of opening it.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildRejectModal, type RejectSubject } from '../../blocks/reject-modal.ts';
import { actionValue, interactionContext } from '../../payload-guards.ts';
import { withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';

/** Leaves most of the trigger's three seconds for views.open. */
const PRECHECK_BUDGET_MS = 1000;

/** Who is rejecting what, as far as can be told without deciding. */
export interface RejectCheck {
  approver: boolean;
  /** Undefined when the request or batch does not exist. */
  subject?: { requesterId: string; decided: boolean; awaitingApproval: boolean };
}

/** A request's or a batch's view, as far as a reject click needs to know. */
interface Decidable {
  requester: { userId: string };
  approval: { decidedBy?: string };
  status: string;
}

/** What a click on the subject would be checked against; undefined subject: it does not exist. */
export function rejectCheckOf(subject: Decidable | undefined, approver: boolean): RejectCheck {
  if (!subject) return { approver };
  return {
    approver,
    subject: {
      requesterId: subject.requester.userId,
      decided: subject.approval.decidedBy !== undefined,
      awaitingApproval: subject.status === 'awaitingApproval',
    },
  };
}

export type RejectRefusal =
  | 'notFound'
  | 'notAllowed'
  | 'selfApproval'
  | 'alreadyDecided'
  | 'notAwaitingApproval';

export interface RejectClick {
  kind: RejectSubject['kind'];
  check(id: string, userId: string): Promise<RejectCheck>;
  refusalText(id: string, reason: RejectRefusal): Promise<string>;
}

export function rejectClick(click: RejectClick) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const context = interactionContext(body);
    const id = actionValue(action);
    const triggerId = (body as { trigger_id?: unknown }).trigger_id;
    if (!context || !id || typeof triggerId !== 'string') return;
    const checked = await withinBudget(click.check(id, context.userId), PRECHECK_BUDGET_MS);
    const refusal = checked && refusalOf(checked, context.userId);
    if (refusal) {
      await replyPrivately({ client, respond, ...context }, await click.refusalText(id, refusal));
      return;
    }
    await client.views.open({
      trigger_id: triggerId,
      view: buildRejectModal({
        subject: { kind: click.kind, id },
        ...(context.channelId ? { channelId: context.channelId } : {}),
        fromHome: context.view?.type === 'home',
      }),
    });
  };
}

function refusalOf({ approver, subject }: RejectCheck, userId: string): RejectRefusal | undefined {
  if (!subject) return 'notFound';
  if (!approver) return 'notAllowed';
  if (subject.requesterId === userId) return 'selfApproval';
  if (subject.decided) return 'alreadyDecided';
  if (!subject.awaitingApproval) return 'notAwaitingApproval';
  return undefined;
}
