/** The App Home: the user's own requests, and for approvers what waits for them. */
import type { types } from '@slack/bolt';
import type { RequestView } from '../../workflow/request-view.ts';
import { actions, decisionButtons } from './request-buttons.ts';
import { newestFirst, requestListItem, requestSummary } from './request-list.ts';
import { approvalReasonsText } from './request-text.ts';
import { context, divider, header, LIMITS, section } from './slack-text.ts';

export interface HomeTabContent {
  own: RequestView[];
  /** Undefined when the user is not an approver. */
  awaiting?: RequestView[];
}

/** Each awaiting request takes 3 blocks, each own request 1; these keep the view under 100 blocks. */
const MAX_AWAITING = 15;
const MAX_OWN = 30;

export function buildHomeTab(content: HomeTabContent): types.HomeView {
  const blocks: types.KnownBlock[] = [
    header('snapcopy'),
    context('Copy ECS snapshots across regions, optionally re-encrypted with KMS. Start with `/snapcopy`.'),
  ];
  if (content.awaiting) blocks.push(...awaitingBlocks(content.awaiting));
  blocks.push(divider, header('Your requests'));
  const own = newestFirst(content.own);
  if (own.length === 0) blocks.push(section('You have no requests yet. Type `/snapcopy` to ask for a copy.'));
  blocks.push(...own.slice(0, MAX_OWN).map(requestListItem));
  if (own.length > MAX_OWN) blocks.push(context(`${own.length - MAX_OWN} older requests not shown.`));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

function awaitingBlocks(awaiting: RequestView[]): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [divider, header('Waiting for your approval')];
  if (awaiting.length === 0) blocks.push(section('Nothing waits for you.'));
  const shown = newestFirst(awaiting).slice(0, MAX_AWAITING);
  for (const view of shown) {
    blocks.push(
      section(requestSummary(view)),
      context(approvalReasonsText(view)),
      actions(`home_approval_${view.requestId}`, decisionButtons(view.requestId)),
    );
  }
  if (awaiting.length > MAX_AWAITING)
    blocks.push(context(`${awaiting.length - MAX_AWAITING} more not shown.`));
  return blocks;
}
