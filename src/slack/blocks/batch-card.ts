/** The batch card: posted where the batch was asked, then updated in place with the aggregate progress. */
import type { types } from '@slack/bolt';
import type { BatchView } from '../../workflow/batch/copy-batch-view.ts';
import { batchDetailBlocks, batchEstimateBlocks, refusedBlocks } from './batch-details.ts';
import { batchProgressLine, batchStatusWords, isOpenBatch } from './batch-text.ts';
import { actions, cancelBatchButton } from './request-buttons.ts';
import type { CardOptions } from './request-card.ts';
import { approvalBlocks } from './request-details.ts';
import { formatTime } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, divider, header, LIMITS, mention, section, userText } from './slack-text.ts';

/** The card is read often and updated in place: the full refused list is in the approval message. */
const CARD_REFUSED = { maxBlocks: 2, maxChars: 2000 };

export function buildBatchCard(view: BatchView, options: CardOptions = {}): SlackMessage {
  const blocks: types.KnownBlock[] = [
    header(`Batch copy ${view.batchId}`),
    section(batchProgressLine(view)),
    ...batchDetailBlocks(view),
  ];
  const estimate = batchEstimateBlocks(view);
  if (estimate.length > 0) blocks.push(divider, ...estimate);
  blocks.push(...refusedBlocks(view, CARD_REFUSED), ...approvalBlocks(view), ...batchProblemBlocks(view));
  if ((options.withActions ?? true) && isOpenBatch(view.status)) {
    blocks.push(actions('batch_card_actions', [cancelBatchButton(view.batchId)]));
  }
  return {
    text: `Batch copy ${view.batchId}: ${batchStatusWords(view.status)}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** Why the selection failed, and who cancelled. */
export function batchProblemBlocks(view: BatchView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  if (view.failure) {
    blocks.push(
      section(
        `*The batch failed:* \`${userText(view.failure.code, 200)}\`\n${userText(view.failure.hint, 2000)}`,
      ),
    );
  }
  if (view.cancellation) blocks.push(context(batchCancellationText(view)));
  return blocks;
}

export function batchCancellationText(view: BatchView): string {
  const c = view.cancellation;
  if (!c) return '';
  const kept = view.counts.done;
  return (
    `Cancelled by ${mention(c.by)} at ${formatTime(c.at)}: queued copies did not start, copies in progress were deleted` +
    `${kept > 0 ? `; ${kept} finished cop${kept === 1 ? 'y was' : 'ies were'} kept` : ''}.`
  );
}
