/** The Slack notifier against the Slack stand-in, and the notifications the workflow hands it. */
import { createSlackNotifier } from '../../../src/slack/slack-notifier.ts';
import type { BatchView } from '../../../src/workflow/batch/copy-batch-view.ts';
import type {
  BatchNotification,
  NotificationSlot,
  Notifier,
  RequestNotification,
} from '../../../src/workflow/notifier.ts';
import type { RequestView } from '../../../src/workflow/request-view.ts';
import { ids, quietLogger, startStandInWithClient } from './slack-stand-in.ts';

/** A stand-in, and notifiers that reach it through the real WebClient (fresh: as after a restart). */
export async function startNotifierStandIn() {
  const started = await startStandInWithClient();
  const freshNotifier = (): Notifier =>
    createSlackNotifier({
      clients: started.clients,
      approvalsChannelId: ids.approvalsChannel,
      logger: quietLogger,
    });
  return { standIn: started.standIn, freshNotifier };
}

let revision = 0;

/** Each notification shows a newer revision than the one before, as the outbox plans them. */
function delivery(id: string, slot: NotificationSlot) {
  revision += 1;
  return { id: `${id}:${slot}`, slot, revision, progressOnly: false, mayHavePosted: true };
}

export function requestNotification(
  slot: NotificationSlot,
  request: RequestView,
  overrides: Partial<RequestNotification> = {},
): RequestNotification {
  return {
    ...delivery(request.requestId, slot),
    subject: 'request',
    requestId: request.requestId,
    request,
    ...overrides,
  };
}

export function batchNotification(
  slot: NotificationSlot,
  batch: BatchView,
  overrides: Partial<BatchNotification> = {},
): BatchNotification {
  return { ...delivery(batch.batchId, slot), subject: 'batch', batchId: batch.batchId, batch, ...overrides };
}
