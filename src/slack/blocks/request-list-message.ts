/** `/snapcopy list`: the user's requests and batches, and the ones waiting for an approver. */
import type { types } from '@slack/bolt';
import type { UserLists } from '../user-lists.ts';
import { mixedListItems } from './request-list.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, LIMITS, section } from './slack-text.ts';

/** Leaves room for the headings within the 50-block message limit. */
const MAX_PER_LIST = 20;

export function buildRequestListMessage(lists: UserLists): SlackMessage {
  const own = mixedListItems(lists.own, lists.ownBatches);
  const blocks: types.KnownBlock[] = [...listBlocks('*Your requests*', 'You have no requests.', own)];
  const awaiting = lists.awaiting ? mixedListItems(lists.awaiting, lists.awaitingBatches) : undefined;
  if (awaiting) blocks.push(...listBlocks('*Waiting for your approval*', 'Nothing waits for you.', awaiting));
  return {
    text: `You have ${own.length} request(s)${awaiting ? `; ${awaiting.length} wait for your approval` : ''}.`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

function listBlocks(title: string, empty: string, items: types.SectionBlock[]): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [section(title)];
  if (items.length === 0) blocks.push(context(empty));
  blocks.push(...items.slice(0, MAX_PER_LIST));
  if (items.length > MAX_PER_LIST) blocks.push(context(`${items.length - MAX_PER_LIST} older not shown.`));
  return blocks;
}
