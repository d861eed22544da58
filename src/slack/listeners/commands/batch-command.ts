/** `/snapcopy status <sb-…>` and `/snapcopy cancel <sb-…>`: a batch answers for all of its items. */
import { buildBatchCard } from '../../blocks/batch-card.ts';
import type { SlackMessage } from '../../blocks/slack-message.ts';
import { batchCancelRefusal } from '../../decision-replies.ts';
import type { RequestModalValues } from '../../request-modal-model.ts';
import type { ListenerDeps } from '../listener-deps.ts';

const INSTANCE_ID = /^i-[0-9a-z]+$/i;
const TAG = /^[^=\s]+=[^=\s]*$/;

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

/** `instance <i-…>` or `tag <key>=<value> […]` as the modal's batch values, or what is wrong with them. */
export function batchSelection(
  name: 'instance' | 'tag',
  words: (string | undefined)[],
): Pick<RequestModalValues, 'mode' | 'instanceId' | 'selectorTags'> | string {
  const given = words.filter((word): word is string => Boolean(word));
  if (name === 'instance') {
    if (given.length === 1 && INSTANCE_ID.test(given[0]!)) return { mode: 'instance', instanceId: given[0]! };
    return 'Usage: `/snapcopy instance <instance-id>`, e.g. `/snapcopy instance i-bp1abc123`.';
  }
  if (given.length > 0 && given.every((word) => TAG.test(word)))
    return { mode: 'tags', selectorTags: given.join(' ') };
  return 'Usage: `/snapcopy tag <key>=<value> [<key>=<value>…]`, e.g. `/snapcopy tag app=db`.';
}
