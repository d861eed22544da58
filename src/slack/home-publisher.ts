/** Publishes a user's App Home from the service's current view of their requests. */
import type { webApi } from '@slack/bolt';
import type { CopyRequestService } from '../workflow/copy-request-service.ts';
import { buildHomeTab } from './blocks/home-tab.ts';

export async function publishHome(
  client: Pick<webApi.WebClient, 'views'>,
  service: CopyRequestService,
  userId: string,
): Promise<void> {
  const [own, approver] = await Promise.all([service.listByRequester(userId), service.isApprover(userId)]);
  const awaiting = approver ? await service.listAwaitingApproval(userId) : undefined;
  await client.views.publish({
    user_id: userId,
    view: buildHomeTab({ own, ...(awaiting ? { awaiting } : {}) }),
  });
}
