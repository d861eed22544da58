/** Cancel from the card (after Slack's confirm dialog). The card and its thread report the outcome. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { cancelRefusal } from '../../decision-replies.ts';
import { actionValue, interactionContext } from '../../payload-guards.ts';
import { STORE_BEFORE_ACK_MS, withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function cancelRequest(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const context = interactionContext(body);
    const requestId = actionValue(action);
    if (!context || !requestId) return ack();
    // Acknowledge once the click is stored, so a crash cannot forget a click Slack showed as taken.
    const decided = deps.service.cancel(requestId, context.userId);
    await withinBudget(decided, STORE_BEFORE_ACK_MS);
    await ack();
    const result = await decided;
    if (!result.ok) await replyPrivately({ client, respond, ...context }, cancelRefusal(requestId, result));
  };
}
