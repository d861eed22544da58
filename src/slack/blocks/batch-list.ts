/** One batch in a list (App Home, `/snapcopy list`): ID, what it selects, and where it is. */
import type { types } from '@slack/bolt';
import type { BatchView } from '../../workflow/batch/copy-batch-view.ts';
import { batchProgressLine, selectorText, snapshotCount } from './batch-text.ts';
import { copyTypeLabel, formatTime } from './request-text.ts';
import { mention, section, userText } from './slack-text.ts';

export function batchSummary(view: BatchView): string {
  const p = view.parameters;
  return (
    `*${view.batchId}* · ${snapshotCount(view.items.length)}, ${selectorText(p.selector)} · ` +
    `${userText(p.sourceRegionId, 60)} → ${userText(p.destinationRegionId, 60)} · ${copyTypeLabel(p.copyType)}` +
    ` · asked ${formatTime(view.createdAt)} by ${mention(view.requester.userId)}`
  );
}

export function batchListItem(view: BatchView): types.SectionBlock {
  return section(`${batchSummary(view)}\n${batchProgressLine(view)}`);
}
