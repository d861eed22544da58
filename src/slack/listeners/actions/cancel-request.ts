/** Cancel from the card (after Slack's confirm dialog). The card and its thread report the outcome. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { cancelRefusal } from '../../decision-replies.ts';
import { actionValue, interactionContext } from '../../payload-guards.ts';
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
    await ack();
    const context = interactionContext(body);
    const requestId = actionValue(action);
    if (!context || !requestId) return;
    const result = await deps.service.cancel(requestId, context.userId);
    if (!result.ok) await replyPrivately({ client, respond, ...context }, cancelRefusal(requestId, result));
  };
}
