/** Words and numbers about a batch, shared by its card, approval message, outcome, lists and the Home tab. */
import type { BatchRefusal, DiskSelector } from '../../domain/copy-batch.ts';
import type { SizeBasis } from '../../domain/cost-estimate.ts';
import {
  type BatchStatus,
  type BatchView,
  FINAL_BATCH_STATUSES,
} from '../../workflow/batch/copy-batch-view.ts';
import { formatDuration, progressBar } from './request-text.ts';
import { userText } from './slack-text.ts';

const STATUS_LABELS: Record<BatchStatus, string> = {
  selecting: ':hourglass_flowing_sand: Finding the snapshots',
  awaitingApproval: ':raised_hand: Waiting for approval',
  running: ':arrows_counterclockwise: Copying',
  cancelling: ':hourglass_flowing_sand: Cancelling',
  done: ':white_check_mark: Done',
  partiallyDone: ':large_orange_diamond: Partially done',
  failed: ':warning: Failed',
  rejected: ':no_entry: Rejected',
  expired: ':alarm_clock: Expired',
  cancelled: ':x: Cancelled',
};

export function batchStatusLabel(status: BatchStatus): string {
  return STATUS_LABELS[status];
}

/** The label without its emoji, for fallback text and sentences. */
export function batchStatusWords(status: BatchStatus): string {
  return STATUS_LABELS[status].replace(/^:[a-z_]+: /, '');
}

export function isOpenBatch(status: BatchStatus): boolean {
  return !FINAL_BATCH_STATUSES.includes(status);
}

/** What the selector asks for, in words: "every disk of instance `i-…`" or "disks tagged `app=db`". */
export function selectorText(selector: DiskSelector): string {
  if (selector.kind === 'instance') return `every disk of instance \`${userText(selector.instanceId, 100)}\``;
  const tags = selector.tags.map((tag) => `\`${userText(`${tag.key}=${tag.value}`, 200)}\``);
  return `disks tagged ${tags.join(', ')}`;
}

export function snapshotCount(count: number): string {
  return `${count} snapshot${count === 1 ? '' : 's'}`;
}

/** Status, then the aggregate progress while items run: done / copying / queued / failed. */
export function batchProgressLine(view: BatchView): string {
  const label = `*${batchStatusLabel(view.status)}*`;
  const { counts } = view;
  if (view.status !== 'running' && view.status !== 'cancelling') return label;
  const finished = counts.done + counts.failed + counts.cancelled;
  const percent = counts.total > 0 ? (finished * 100) / counts.total : 0;
  const remaining = view.remainTimeSeconds
    ? ` · about ${formatDuration(view.remainTimeSeconds * 1000)} left`
    : '';
  return `${label} ${progressBar(percent)}\n${countsText(view)}${remaining}`;
}

/** "3 done · 2 copying · 5 queued · 1 failed of 11 · 120 GiB". */
export function countsText(view: Pick<BatchView, 'counts' | 'totalGiB'>): string {
  const c = view.counts;
  const parts = [
    `${c.done} done`,
    `${c.copying} copying`,
    `${c.queued + c.pending} queued`,
    `${c.failed} failed`,
  ];
  if (c.cancelled > 0) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(' · ')} of ${c.total} · ${view.totalGiB} GiB`;
}

const BASIS_LABELS: Record<SizeBasis, string> = {
  fullSnapshotSize: 'full snapshot size',
  fullDiskSize: 'full disk size',
  incremental: 'incremental (upper bound)',
};

/** How the items' sizes were billed, e.g. "38 × full disk size, 2 × incremental (upper bound)". */
export function basisSummary(view: Pick<BatchView, 'items'>): string {
  const counts = new Map<SizeBasis, number>();
  for (const item of view.items) {
    if (item.estimate) counts.set(item.estimate.basis, (counts.get(item.estimate.basis) ?? 0) + 1);
  }
  return [...counts].map(([basis, count]) => `${count} × ${BASIS_LABELS[basis]}`).join(', ');
}

/** One refused disk: which, the snapshot it would have copied, and why not. */
export function refusalLine(refusal: BatchRefusal): string {
  const disk = `\`${userText(refusal.diskId, 100)}\`${refusal.diskName ? ` (${userText(refusal.diskName, 100)})` : ''}`;
  const snapshot = refusal.snapshotId ? ` · \`${userText(refusal.snapshotId, 100)}\`` : '';
  return `• ${disk}${snapshot}: ${userText(refusal.message, 400)}`;
}
