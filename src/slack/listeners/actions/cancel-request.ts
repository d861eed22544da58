/** Cancel from the card (after Slack's confirm dialog). The card and its thread report the outcome. */
import { cancelRefusal } from '../../decision-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { idValue, storedClick } from './stored-click.ts';

export function cancelRequest(deps: ListenerDeps) {
  return storedClick({
    target: idValue,
    change: (requestId, userId) => deps.service.cancel(requestId, userId),
    refusalText: cancelRefusal,
  });
}
