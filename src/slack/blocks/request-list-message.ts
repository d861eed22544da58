/** `/snapcopy list`: the user's requests, and the ones waiting for an approver. */
import type { types } from '@slack/bolt';
import type { RequestView } from '../../workflow/request-view.ts';
import { newestFirst, requestListItem } from './request-list.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, LIMITS, section } from './slack-text.ts';

/** Leaves room for the headings within the 50-block message limit. */
const MAX_PER_LIST = 20;

export function buildRequestListMessage(own: RequestView[], awaiting?: RequestView[]): SlackMessage {
  const blocks: types.KnownBlock[] = [...listBlocks('*Your requests*', 'You have no requests.', own)];
  if (awaiting) blocks.push(...listBlocks('*Waiting for your approval*', 'Nothing waits for you.', awaiting));
  return {
    text: `You have ${own.length} request(s)${awaiting ? `; ${awaiting.length} wait for your approval` : ''}.`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

function listBlocks(title: string, empty: string, views: RequestView[]): types.KnownBlock[] {
  const sorted = newestFirst(views);
  const blocks: types.KnownBlock[] = [section(title)];
  if (sorted.length === 0) blocks.push(context(empty));
  blocks.push(...sorted.slice(0, MAX_PER_LIST).map(requestListItem));
  if (sorted.length > MAX_PER_LIST) blocks.push(context(`${sorted.length - MAX_PER_LIST} older not shown.`));
  return blocks;
}
