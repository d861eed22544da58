/** Words and numbers about a request, shared by the card, the approval message, the outcome and the Home tab. */
import { describeApprovalReasons } from '../../domain/approval-policy.ts';
import type { CopyType } from '../../domain/copy-request.ts';
import { DEFAULT_SERVICE_KEY_ALIAS } from '../../domain/copy-request.ts';
import type { Money } from '../../domain/cost-estimate.ts';
import { keyLabel } from '../../domain/key-label.ts';
import type { RequestStatus, RequestView } from '../../workflow/request-view.ts';
import { escapeMrkdwn } from './slack-text.ts';

export function copyTypeLabel(copyType: CopyType): string {
  return copyType === 'copy' ? 'Copy' : 'Copy and Encrypt';
}

const STATUS_LABELS: Record<RequestStatus, string> = {
  validating: ':hourglass_flowing_sand: Checking the request',
  estimating: ':hourglass_flowing_sand: Estimating the cost',
  awaitingApproval: ':raised_hand: Waiting for approval',
  copying: ':arrows_counterclockwise: Starting the copy',
  inProgress: ':arrows_counterclockwise: Copying',
  done: ':white_check_mark: Done',
  rejected: ':no_entry: Rejected',
  expired: ':alarm_clock: Expired',
  cancelled: ':x: Cancelled',
  failed: ':warning: Failed',
};

export function statusLabel(status: RequestStatus): string {
  return STATUS_LABELS[status];
}

/** Ten cells: readable in every Slack client, and narrow enough for a context line. */
export function progressBar(progress: number): string {
  const percent = Math.max(0, Math.min(100, Math.round(progress)));
  const filled = Math.round(percent / 10);
  return `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)} ${percent}%`;
}

/** The status line with progress while copying. */
export function statusLine(view: RequestView): string {
  const label = statusLabel(view.status);
  if (view.status !== 'inProgress' && view.status !== 'copying') return `*${label}*`;
  const copy = view.copy;
  if (!copy) return `*${label}*`;
  const remaining = copy.remainTimeSeconds
    ? `, about ${formatDuration(copy.remainTimeSeconds * 1000)} left`
    : '';
  return `*${label}* ${progressBar(copy.progress)}${remaining}`;
}

/** What keyText needs: a request or a batch, which both name a copy type, a choice and a resolved key. */
export interface KeyedView {
  parameters: Pick<RequestView['parameters'], 'copyType' | 'key'>;
  key?: RequestView['key'];
}

/** The key with its ID and alias (as the domain names keys), or why there is none. */
export function keyText(view: KeyedView): string {
  if (view.parameters.copyType === 'copy') return 'none (the copy is not encrypted)';
  const key = view.key;
  if (key) {
    const alias = key.alias ?? (key.defaultServiceKey ? DEFAULT_SERVICE_KEY_ALIAS : undefined);
    const label = `\`${escapeMrkdwn(keyLabel({ keyId: key.keyId, aliases: alias ? [alias] : [] }))}\``;
    return key.defaultServiceKey ? `default service key ${label}` : label;
  }
  const choice = view.parameters.key;
  if (choice?.kind === 'customerMasterKey') return `\`${escapeMrkdwn(choice.keyId)}\``;
  return `default service key \`${DEFAULT_SERVICE_KEY_ALIAS}\``;
}

/** A request or a batch: both have a route and the reasons their approval is needed. */
export interface RoutedView {
  parameters: Pick<RequestView['parameters'], 'sourceRegionId' | 'destinationRegionId'>;
  approval: Pick<RequestView['approval'], 'reasons'>;
}

/** Why a human must decide, with the route when the copy leaves its region. */
export function approvalReasonsText(view: RoutedView): string {
  const { sourceRegionId, destinationRegionId } = view.parameters;
  const route = view.approval.reasons.includes('crossRegion')
    ? ` Route: ${escapeMrkdwn(sourceRegionId)} → ${escapeMrkdwn(destinationRegionId)}.`
    : '';
  return `${describeApprovalReasons(view.approval.reasons)}${route}`;
}

export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

export function formatMoney(money: Money): string {
  return `${money.amount.toFixed(2)} ${money.currency}`;
}

export function formatRetention(retentionDays: number | undefined): string {
  return retentionDays === undefined ? 'kept until deleted' : `${retentionDays} days`;
}
