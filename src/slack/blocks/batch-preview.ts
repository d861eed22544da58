/**
 * The request modal's preview of a batch: what the selector finds now, before submitting. The
 * refused disks are trimmed to the room a modal leaves; the approval message lists them all.
 */
import type { types } from '@slack/bolt';
import type { RequestModalModel } from '../request-modal-model.ts';
import { refusalLine, snapshotCount } from './batch-text.ts';
import { pagedSections } from './paged-lines.ts';
import { formatMoney } from './request-text.ts';
import { context, userText } from './slack-text.ts';

const PREVIEW_REFUSED = { maxBlocks: 3, maxChars: 6000 };

export function batchPreviewBlocks(preview: RequestModalModel['preview']): types.KnownBlock[] {
  if (!preview)
    return [context('Fill in the selection, destination and copy type to see what would be copied.')];
  if ('error' in preview) return [context(`:warning: ${userText(preview.error, 1000)}`)];
  const totalGiB = preview.items.reduce((sum, item) => sum + (item.sizeGiB ?? 0), 0);
  const estimate = preview.estimate
    ? ` · estimate ${formatMoney(preview.estimate.total)}${preview.estimate.isUpperBound ? ' (upper bound)' : ''}`
    : '';
  const blocks: types.KnownBlock[] = [
    context(
      `*${preview.disksFound} disk${preview.disksFound === 1 ? '' : 's'} found* · ` +
        `${snapshotCount(preview.items.length)} will be copied · ${totalGiB} GiB${estimate}`,
    ),
  ];
  if (preview.refusals.length > 0)
    blocks.push(context(...preview.refusals.map((r) => `:warning: ${userText(r.message, 500)}`)));
  if (preview.refused.length > 0) {
    const title = `*Cannot be copied (${preview.refused.length}):*`;
    blocks.push(
      ...pagedSections(
        [title, ...preview.refused.map(refusalLine)],
        PREVIEW_REFUSED,
        (left) => `…and ${left} more`,
      ),
    );
  }
  return blocks;
}
