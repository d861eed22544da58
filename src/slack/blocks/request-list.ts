/** One request in a list (App Home, `/snapcopy list`): ID, what it copies, and where it is. */
import type { types } from '@slack/bolt';
import type { BatchView } from '../../workflow/batch/copy-batch-view.ts';
import type { RequestView } from '../../workflow/request-view.ts';
import { batchListItem } from './batch-list.ts';
import { copyTypeLabel, formatTime, statusLine } from './request-text.ts';
import { mention, section, userText } from './slack-text.ts';

export function requestSummary(view: RequestView): string {
  const p = view.parameters;
  return (
    `*${view.requestId}* · \`${userText(p.sourceSnapshotId, 100)}\` ${userText(p.sourceRegionId, 60)} → ` +
    `${userText(p.destinationRegionId, 60)} · ${copyTypeLabel(p.copyType)} · asked ${formatTime(view.createdAt)}` +
    ` by ${mention(view.requester.userId)}`
  );
}

export function requestListItem(view: RequestView): types.SectionBlock {
  const newSnapshot = view.copy?.snapshotId
    ? ` · new snapshot \`${userText(view.copy.snapshotId, 100)}\``
    : '';
  return section(`${requestSummary(view)}\n${statusLine(view)}${newSnapshot}`);
}

/** Newest first, so the most relevant requests survive the block limits. */
export function newestFirst<View extends { createdAt: number }>(views: readonly View[]): View[] {
  return [...views].sort((a, b) => b.createdAt - a.createdAt);
}

/** A list line each for single requests and batches, newest first: a batch stands for its items. */
export function mixedListItems(requests: RequestView[], batches: BatchView[] = []): types.SectionBlock[] {
  const entries = [
    ...requests.map((view) => ({ createdAt: view.createdAt, block: () => requestListItem(view) })),
    ...batches.map((view) => ({ createdAt: view.createdAt, block: () => batchListItem(view) })),
  ];
  return newestFirst(entries).map((entry) => entry.block());
}
