/** Approve, from the approvals channel or the App Home. The service decides who may. */
import { decisionRefusal } from '../../decision-replies.ts';
import { publishHome } from '../../home-publisher.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { idValue, storedClick } from './stored-click.ts';

export function approveRequest(deps: ListenerDeps) {
  return storedClick({
    target: idValue,
    change: (requestId, userId) => deps.service.approve(requestId, userId),
    refusalText: decisionRefusal,
    async afterwards({ client }, context) {
      if (context.view?.type === 'home') await publishHome(client, deps, context.userId);
    },
  });
}
