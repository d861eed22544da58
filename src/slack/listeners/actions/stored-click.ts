/**
 * What Approve and Cancel share: a click on a request's button that changes the request. Slack is
 * answered once the change is stored (within a budget), so a crash cannot forget a click Slack
 * showed as taken; a refusal is then told to the clicker alone.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AcceptedResult } from '../../../workflow/copy-request-service.ts';
import { actionValue, type InteractionContext, interactionContext } from '../../payload-guards.ts';
import { STORE_BEFORE_ACK_MS, withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';

type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

export interface StoredClick<Refused> {
  /** The service call that stores the change. */
  change(requestId: string, userId: string): Promise<AcceptedResult | Refused>;
  refusalText(requestId: string, refused: Refused): string;
  /** Runs after the answer, whatever the outcome (e.g. refresh the clicker's Home tab). */
  afterwards?(args: ActionArgs, context: InteractionContext): Promise<void>;
}

export function storedClick<Refused extends { ok: false }>(click: StoredClick<Refused>) {
  return async (args: ActionArgs): Promise<void> => {
    const { ack, body, action, client, respond } = args;
    const context = interactionContext(body);
    const requestId = actionValue(action);
    if (!context || !requestId) return ack();
    const stored = click.change(requestId, context.userId);
    await withinBudget(stored, STORE_BEFORE_ACK_MS);
    await ack();
    const result = await stored;
    if (!result.ok)
      await replyPrivately({ client, respond, ...context }, click.refusalText(requestId, result));
    await click.afterwards?.(args, context);
  };
}
