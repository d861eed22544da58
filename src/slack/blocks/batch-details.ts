/** A batch's parameters, selection and estimate, as blocks its card and approval message share. */
import type { types } from '@slack/bolt';
import type { BatchView } from '../../workflow/batch/copy-batch-view.ts';
import { basisSummary, refusalLine, selectorText, snapshotCount } from './batch-text.ts';
import { type PageLimits, pagedSections } from './paged-lines.ts';
import { feeBlocks } from './request-details.ts';
import { copyTypeLabel, formatRetention, keyText } from './request-text.ts';
import { fieldsSection, LIMITS, mention, section, userText } from './slack-text.ts';

export function batchDetailBlocks(view: BatchView): types.KnownBlock[] {
  const p = view.parameters;
  const found = view.disksFound ?? view.items.length + view.refused.length;
  const blocks: types.KnownBlock[] = [
    fieldsSection([
      `*Selection*\n${selectorText(p.selector)} in ${userText(p.sourceRegionId, 100)}`,
      `*Snapshots*\n${snapshotCount(view.items.length)} of ${found} disk${found === 1 ? '' : 's'} found · ${view.totalGiB} GiB`,
      `*Destination*\n${userText(p.destinationRegionId, 100)}`,
      `*Copy type*\n${copyTypeLabel(p.copyType)}`,
      `*Key*\n${keyText(view)}`,
      `*Names*\n${userText(p.name, 300)}-<disk ID>`,
      `*Retention*\n${formatRetention(p.retentionDays)}`,
      `*Requested by*\n${mention(view.requester.userId)}`,
      `*Tags*\n${p.tags.length > 0 ? userText(p.tags.map((t) => `${t.key}=${t.value}`).join(', '), 1500) : 'none'}`,
    ]),
  ];
  if (p.description) blocks.push(section(`*Description*\n${userText(p.description, 1000)}`));
  if (p.reason) blocks.push(section(`*Reason*\n${userText(p.reason, LIMITS.sectionText - 20)}`));
  return blocks;
}

/** The total, and how the items' sizes were billed (each item keeps its own estimate). */
export function batchEstimateBlocks(view: BatchView): types.KnownBlock[] {
  if (!view.estimate) return [];
  const basis = basisSummary(view);
  return [
    section(
      `*Estimate* for ${snapshotCount(view.items.length)}, ${view.estimate.billedSizeGiB} GiB billed` +
        `${basis ? `: ${basis}` : ''}.`,
    ),
    ...feeBlocks(view.estimate),
  ];
}

/** The disks left out and why, trimmed to what the message has room for. */
export function refusedBlocks(view: BatchView, limits: PageLimits): types.KnownBlock[] {
  if (view.refused.length === 0) return [];
  const title = `*${view.refused.length} disk${view.refused.length === 1 ? '' : 's'} cannot be copied:*`;
  return pagedSections([title, ...view.refused.map(refusalLine)], limits, (left) => `…and ${left} more`);
}
