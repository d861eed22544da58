/**
 * A picker in the request modal changed (source region or snapshot, destination, copy type):
 * re-render the modal for the new values, e.g. offer only Copy and Encrypt for an encrypted
 * source, or list the destination region's keys.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildRequestModal } from '../../blocks/request-modal.ts';
import { interactionContext } from '../../payload-guards.ts';
import { loadRequestModal } from '../../request-modal-loader.ts';
import { readRequestModalMetadata, readRequestModalValues } from '../../request-modal-state.ts';
import type { ListenerDeps } from '../listener-deps.ts';

export function requestModalChanged(deps: ListenerDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const context = interactionContext(body);
    const view = context?.view;
    if (!context || !view) return;
    const values = readRequestModalValues(view.raw);
    const metadata = readRequestModalMetadata(view.raw) ?? { channelId: context.userId };
    await deps.modalUpdates.update(client, view.id, view.hash, async () =>
      buildRequestModal(await loadRequestModal(deps, values, metadata)),
    );
  };
}
