/** The Home tab shows the user's requests and, for approvers, what waits for them. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../home-publisher.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    await publishHome(client, deps, event.user);
  };
}
