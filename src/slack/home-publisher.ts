/** Publishes a user's App Home from the services' current view of their requests and batches. */
import type { webApi } from '@slack/bolt';
import { buildHomeTab } from './blocks/home-tab.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import { loadUserLists } from './user-lists.ts';

export async function publishHome(
  client: Pick<webApi.WebClient, 'views'>,
  deps: Pick<ListenerDeps, 'service' | 'batches'>,
  userId: string,
): Promise<void> {
  await client.views.publish({ user_id: userId, view: buildHomeTab(await loadUserLists(deps, userId)) });
}
