/**
 * How a batch ended, in its card's thread: the status with counts, the key, then every item as
 * `source → new snapshot` or its failure. A list past one message's room ends with where to see
 * the rest.
 */
import type { types } from '@slack/bolt';
import type { BatchItemView, BatchView } from '../../workflow/batch/copy-batch-view.ts';
import { batchCancellationText, batchProblemBlocks } from './batch-card.ts';
import { batchStatusWords, countsText } from './batch-text.ts';
import { pagedSections } from './paged-lines.ts';
import { decisionLine } from './request-details.ts';
import { formatTime, keyText } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, LIMITS, mention, section, userText } from './slack-text.ts';

/** The headline, counts, key and problems take at most 6 blocks and 3000 characters; the items have the rest. */
const ITEM_LIST = { maxBlocks: LIMITS.messageBlocks - 6, maxChars: LIMITS.messageBlocksChars - 3000 };

const HEADLINES: Record<BatchView['status'], string> = {
  selecting: ':hourglass_flowing_sand:',
  awaitingApproval: ':raised_hand:',
  running: ':arrows_counterclockwise:',
  cancelling: ':hourglass_flowing_sand:',
  done: ':white_check_mark:',
  partiallyDone: ':large_orange_diamond:',
  failed: ':warning:',
  rejected: ':no_entry:',
  expired: ':alarm_clock:',
  cancelled: ':x:',
};

export function buildBatchOutcomeMessage(view: BatchView): SlackMessage {
  const requester = mention(view.requester.userId);
  const words = batchStatusWords(view.status).toLowerCase();
  const blocks: types.KnownBlock[] = [
    section(
      `${HEADLINES[view.status]} ${requester} your batch copy *${view.batchId}* is ${words}: ${countsText(view)}.`,
    ),
    ...circumstanceBlocks(view),
    context(`Key: ${keyText(view)} · destination ${userText(view.parameters.destinationRegionId, 100)}`),
    ...pagedSections(
      view.items.map(itemLine),
      ITEM_LIST,
      (left) => `…and ${left} more: \`/snapcopy status ${view.batchId}\``,
    ),
  ];
  return {
    text: `${requester} batch copy ${view.batchId} is ${words}: ${countsText(view)}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** Why nothing or not everything was copied: the decision, the deadline, the failure, the cancel. */
function circumstanceBlocks(view: BatchView): types.KnownBlock[] {
  if (view.status === 'rejected') return [context(decisionLine(view) ?? 'Rejected.')];
  if (view.status === 'expired') {
    const deadline = view.approval.deadline ? ` before ${formatTime(view.approval.deadline)}` : '';
    return [context(`Nobody approved it${deadline}. Nothing was copied.`)];
  }
  if (view.status === 'cancelled') {
    const kept = view.items.filter((item) => item.newSnapshotId && item.status === 'done');
    return [
      context(batchCancellationText(view)),
      ...(kept.length > 0 ? [context(`Kept: the ${kept.length} marked :white_check_mark: below.`)] : []),
    ];
  }
  return batchProblemBlocks(view);
}

function itemLine(item: BatchItemView): string {
  const source = `\`${userText(item.sourceSnapshotId, 100)}\``;
  const disk = `disk \`${userText(item.diskId, 100)}\``;
  if (item.status === 'done' && item.newSnapshotId)
    return `:white_check_mark: ${source} → \`${userText(item.newSnapshotId, 100)}\` (${disk})`;
  if (item.failure)
    return `:warning: ${source} (${disk}) failed: \`${userText(item.failure.code, 100)}\` ${userText(item.failure.hint, 300)}`;
  if (item.refusals && item.refusals.length > 0)
    return `:warning: ${source} (${disk}) refused: ${userText(item.refusals.map((r) => r.message).join(' '), 300)}`;
  if (item.cancellation?.outcome === 'partialCopyDeleted')
    return `:x: ${source} (${disk}) cancelled; the partial copy was deleted`;
  if (item.status === 'cancelled') return `:x: ${source} (${disk}) cancelled before it started`;
  return `• ${source} (${disk}) not copied`;
}
