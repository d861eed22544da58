/** `/snapcopy status <sb-…>` and `/snapcopy cancel <sb-…>`: a batch answers for all of its items. */
import { buildBatchCard } from '../../blocks/batch-card.ts';
import type { SlackMessage } from '../../blocks/slack-message.ts';
import { batchCancelRefusal } from '../../decision-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';

/** `sb-` and ten base32 characters; an item's ID (`sb-…-001`) is a request's. */
const BATCH_ID = /^sb-[a-z2-7]{10}$/;

export function isBatchId(id: string): boolean {
  return BATCH_ID.test(id);
}

export async function batchCommand(
  deps: ListenerDeps,
  name: 'status' | 'cancel',
  batchId: string,
  userId: string,
): Promise<SlackMessage | string> {
  if (name === 'status') {
    const view = await deps.batches.get(batchId);
    return view ? buildBatchCard(view, { withActions: false }) : `I cannot find batch ${batchId}.`;
  }
  const result = await deps.batches.cancel(batchId, userId);
  return result.ok
    ? `Cancelling batch ${batchId}; its card shows the outcome and which finished copies were kept.`
    : batchCancelRefusal(batchId, result);
}
