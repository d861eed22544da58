/** The parameters, source facts and estimate of a request, as blocks every message about it reuses. */
import type { types } from '@slack/bolt';
import type { CostEstimate } from '../../domain/cost-estimate.ts';
import type { RequestView } from '../../workflow/request-view.ts';
import {
  approvalReasonsText,
  copyTypeLabel,
  formatMoney,
  formatRetention,
  formatTime,
  keyText,
  type RoutedView,
} from './request-text.ts';
import { context, fieldsSection, LIMITS, mention, section, userText } from './slack-text.ts';

export function requestDetailBlocks(view: RequestView): types.KnownBlock[] {
  const p = view.parameters;
  const blocks: types.KnownBlock[] = [
    fieldsSection([
      `*Source*\n\`${userText(p.sourceSnapshotId, 200)}\` in ${userText(p.sourceRegionId, 100)}`,
      `*Destination*\n${userText(p.destinationRegionId, 100)}`,
      `*Copy type*\n${copyTypeLabel(p.copyType)}`,
      `*Key*\n${keyText(view)}`,
      `*Name*\n${userText(p.name, 300)}`,
      `*Retention*\n${formatRetention(p.retentionDays)}`,
      `*Requested by*\n${mention(view.requester.userId)}`,
      `*Tags*\n${p.tags.length > 0 ? userText(p.tags.map((t) => `${t.key}=${t.value}`).join(', '), 1500) : 'none'}`,
    ]),
  ];
  if (p.description) blocks.push(section(`*Description*\n${userText(p.description, 1000)}`));
  if (p.reason) blocks.push(section(`*Reason*\n${userText(p.reason, LIMITS.sectionText - 20)}`));
  const facts = sourceFactsLine(view);
  if (facts) blocks.push(context(facts));
  return blocks;
}

function sourceFactsLine(view: RequestView): string | undefined {
  const source = view.source;
  if (!source) return undefined;
  const parts = [
    source.sizeGiB !== undefined ? `${source.sizeGiB} GiB` : undefined,
    source.diskId
      ? `disk \`${userText(source.diskId, 100)}\`${source.diskSizeGiB !== undefined ? ` (${source.diskSizeGiB} GiB)` : ''}`
      : undefined,
    source.encrypted ? 'encrypted' : 'not encrypted',
    source.createdAt ? `created ${userText(source.createdAt, 40)}` : undefined,
  ].filter(Boolean);
  return `Source snapshot: ${parts.join(' · ')}`;
}

export function estimateBlocks(estimate: CostEstimate): types.KnownBlock[] {
  return [section(`*Estimate:* ${userText(estimate.explanation, 1000)}`), ...feeBlocks(estimate)];
}

/** The fees and the price list they come from: the same for one copy and for a batch's sum. */
export function feeBlocks(
  estimate: Pick<
    CostEstimate,
    'transferFee' | 'storageFeePerMonth' | 'kmsFee' | 'total' | 'isUpperBound' | 'prices'
  >,
): types.KnownBlock[] {
  const fees = [
    `*Data transfer*\n${formatMoney(estimate.transferFee)}`,
    `*Storage per month*\n${formatMoney(estimate.storageFeePerMonth)}`,
    `*KMS*\n${estimate.kmsFee ? formatMoney(estimate.kmsFee) : 'free (default service key)'}`,
    `*Estimated total*\n${formatMoney(estimate.total)}${estimate.isUpperBound ? ' (upper bound)' : ''}`,
  ];
  const prices = estimate.prices.isExample
    ? `:warning: Example prices as of ${userText(estimate.prices.asOf, 40)}, not your contract prices.`
    : `Prices as of ${userText(estimate.prices.asOf, 40)} (${userText(estimate.prices.source, 200)}).`;
  return [fieldsSection(fees), context(prices)];
}

/** A request or a batch: both carry an approval and a status that may be `rejected`. */
export interface DecidedView {
  status: string;
  approval: RequestView['approval'];
}

/** "Approved by @x at …", "Rejected by …", or the automatic approval of a same-region default-key copy. */
export function decisionLine(view: DecidedView): string | undefined {
  const a = view.approval;
  if (a.automatic) return 'Approved automatically: a same-region copy under the default service key.';
  if (!a.decidedBy || a.decidedAt === undefined) return undefined;
  const when = formatTime(a.decidedAt);
  if (a.rejectReason !== undefined || view.status === 'rejected') {
    return `Rejected by ${mention(a.decidedBy)} at ${when}: ${userText(a.rejectReason ?? '', 1500)}`;
  }
  return `Approved by ${mention(a.decidedBy)} at ${when}.`;
}

/** Who decided, or why a human must and until when; nothing when no approval is needed. */
export function approvalBlocks(view: DecidedView & RoutedView): types.KnownBlock[] {
  const decided = decisionLine(view);
  if (decided) return [context(decided)];
  if (!view.approval.required) return [];
  const deadline = view.approval.deadline
    ? ` Expires ${formatTime(view.approval.deadline)} if undecided.`
    : '';
  return [context(`${approvalReasonsText(view)}${deadline}`)];
}
