/**
 * Opens the request modal. The trigger ID lives three seconds and is single use, so a loading
 * view opens first, before any cloud call; the filled-in form replaces it once the pickers load.
 */
import type { webApi } from '@slack/bolt';
import { buildRequestModal } from '../../blocks/request-modal.ts';
import { loadRequestModal } from '../../request-modal-loader.ts';
import type { RequestModalValues } from '../../request-modal-model.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export interface OpenRequestModal {
  client: webApi.WebClient;
  triggerId: string;
  userId: string;
  channelId: string;
  /** `/snapcopy <snapshot-id>`: pre-selects this snapshot in whatever region holds it. */
  snapshotId?: string;
  /** `/snapcopy instance …` / `tag …`: opens in that batch mode with the selector filled in. */
  batch?: Pick<RequestModalValues, 'mode' | 'instanceId' | 'selectorTags'>;
}

export async function openRequestModal(deps: ListenerDeps, request: OpenRequestModal): Promise<void> {
  // The command is acked; in a burst, the commands behind it are acked before modals are built.
  await deps.foreground.idle();
  const metadata = { channelId: request.channelId };
  let opened: webApi.ViewsOpenResponse;
  try {
    opened = await request.client.views.open({
      trigger_id: request.triggerId,
      view: buildRequestModal({ values: {}, metadata }),
    });
  } catch (error) {
    deps.logger.warn('could not open the request modal', { error });
    await replyPrivately(
      { client: request.client, userId: request.userId, channelId: request.channelId },
      'Slack did not let me open the request form in time. Please type the command again.',
    );
    return;
  }
  const viewId = opened.view?.id;
  if (!viewId) return;
  const values = request.batch ?? (await prefilledValues(deps, request.snapshotId));
  await deps.modalUpdates.update(request.client, viewId, opened.view?.hash, async () =>
    buildRequestModal(await loadRequestModal(deps, values, metadata)),
  );
}

async function prefilledValues(
  deps: ListenerDeps,
  snapshotId: string | undefined,
): Promise<RequestModalValues> {
  if (!snapshotId) return {};
  const snapshot = await deps.catalog.locateSnapshot(snapshotId).catch(() => undefined);
  // Unknown IDs still pre-fill, so the modal can say where it was not found.
  return snapshot
    ? { sourceRegionId: snapshot.regionId, sourceSnapshotId: snapshot.snapshotId }
    : { sourceSnapshotId: snapshotId };
}
