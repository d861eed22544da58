/** Approve, from the approvals channel or the App Home. The service decides who may. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decisionRefusal } from '../../decision-replies.ts';
import { publishHome } from '../../home-publisher.ts';
import { actionValue, interactionContext } from '../../payload-guards.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function approveRequest(deps: ListenerDeps) {
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
    const result = await deps.service.approve(requestId, context.userId);
    if (!result.ok) {
      await replyPrivately({ client, respond, ...context }, decisionRefusal(requestId, result));
    }
    if (context.view?.type === 'home') await publishHome(client, deps.service, context.userId);
  };
}
