/** The App Home: the user's own requests and batches, and for approvers what waits for them. */
import type { types } from '@slack/bolt';
import type { UserLists } from '../user-lists.ts';
import { batchSummary } from './batch-list.ts';
import { actions, batchDecisionButtons, decisionButtons } from './request-buttons.ts';
import { mixedListItems, newestFirst, requestSummary } from './request-list.ts';
import { approvalReasonsText } from './request-text.ts';
import { context, divider, header, LIMITS, section } from './slack-text.ts';

export type HomeTabContent = UserLists;

/** Each awaiting request or batch takes 3 blocks, each own one 1; these keep the view under 100 blocks. */
const MAX_AWAITING = 15;
const MAX_OWN = 30;

export function buildHomeTab(content: HomeTabContent): types.HomeView {
  const blocks: types.KnownBlock[] = [
    header('snapcopy'),
    context('Copy ECS snapshots across regions, optionally re-encrypted with KMS. Start with `/snapcopy`.'),
  ];
  if (content.awaiting) blocks.push(...awaitingBlocks(content));
  blocks.push(divider, header('Your requests'));
  const own = mixedListItems(content.own, content.ownBatches);
  if (own.length === 0) blocks.push(section('You have no requests yet. Type `/snapcopy` to ask for a copy.'));
  blocks.push(...own.slice(0, MAX_OWN));
  if (own.length > MAX_OWN) blocks.push(context(`${own.length - MAX_OWN} older requests not shown.`));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

function awaitingBlocks(content: HomeTabContent): types.KnownBlock[] {
  const entries = [
    ...(content.awaiting ?? []).map((view) => ({
      createdAt: view.createdAt,
      blocks: () => [
        section(requestSummary(view)),
        context(approvalReasonsText(view)),
        actions(`home_approval_${view.requestId}`, decisionButtons(view.requestId)),
      ],
    })),
    ...(content.awaitingBatches ?? []).map((view) => ({
      createdAt: view.createdAt,
      blocks: () => [
        section(batchSummary(view)),
        context(approvalReasonsText(view)),
        ...(view.digest
          ? [actions(`home_batch_approval_${view.batchId}`, batchDecisionButtons(view.batchId, view.digest))]
          : []),
      ],
    })),
  ];
  const blocks: types.KnownBlock[] = [divider, header('Waiting for your approval')];
  if (entries.length === 0) blocks.push(section('Nothing waits for you.'));
  for (const entry of newestFirst(entries).slice(0, MAX_AWAITING)) blocks.push(...entry.blocks());
  if (entries.length > MAX_AWAITING) blocks.push(context(`${entries.length - MAX_AWAITING} more not shown.`));
  return blocks;
}
