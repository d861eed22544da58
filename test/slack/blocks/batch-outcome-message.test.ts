import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BLOCKS_CHARS } from '../../../src/local/slack/block-kit-limits.ts';
import { buildBatchOutcomeMessage } from '../../../src/slack/blocks/batch-outcome-message.ts';
import type { BatchView } from '../../../src/workflow/batch/copy-batch-view.ts';
import { BATCH_ID, buildBatchItems, buildBatchView } from '../support/batch-views.ts';
import { allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { APPROVER } from '../support/request-views.ts';

function doneBatch(count: number) {
  const items = buildBatchItems(count);
  return buildBatchView({
    status: 'done',
    items,
    counts: { total: count, pending: 0, queued: 0, copying: 0, done: count, failed: 0, cancelled: 0 },
    totalGiB: count * 40,
  });
}

/** Every item is listed as source → new, or counted in the closing "…and N more" line. */
function expectEveryItemAccountedFor(view: BatchView, text: string): number {
  const shown = view.items.filter((item) =>
    text.includes(`\`${item.sourceSnapshotId}\` → \`${item.newSnapshotId}\``),
  ).length;
  const left = view.items.length - shown;
  if (left > 0) expect(text).toContain(`…and ${left} more: \`/snapcopy status ${BATCH_ID}\``);
  else expect(text).not.toContain('more:');
  // The shown ones are the first ones, in the selection's order.
  for (const item of view.items.slice(0, shown)) expect(text).toContain(item.sourceSnapshotId);
  return shown;
}

describe('batch outcome message', () => {
  it('lists a small batch in full with the key', () => {
    const view = doneBatch(5);
    const text = allText(buildBatchOutcomeMessage(view).blocks);
    expect(expectEveryItemAccountedFor(view, text)).toBe(5);
    expect(text).toContain('alias/dr-key');
    expect(text).toContain('is done: 5 done');
  });

  for (const count of [200, 1000]) {
    it(`keeps a ${count}-item batch within every limit, each item listed or counted`, () => {
      const view = doneBatch(count);
      const message = buildBatchOutcomeMessage(view);
      expectWithinBlockKitLimits(message.blocks, 50);
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS_CHARS);
      const shown = expectEveryItemAccountedFor(view, allText(message.blocks));
      expect(shown).toBeGreaterThan(50);
    });
  }

  it('shows partial failures with their codes and hints beside the copies made', () => {
    const items = [
      ...buildBatchItems(1),
      ...buildBatchItems(1, {
        index: 1,
        diskId: 'd-failing',
        sourceSnapshotId: 's-failing',
        status: 'failed',
        newSnapshotId: undefined,
        failure: { code: 'QuotaExceed.Snapshot', hint: 'The destination region has no snapshot quota left.' },
      }),
    ];
    const view = buildBatchView({
      status: 'partiallyDone',
      items,
      counts: { total: 2, pending: 0, queued: 0, copying: 0, done: 1, failed: 1, cancelled: 0 },
    });
    const text = allText(buildBatchOutcomeMessage(view).blocks);
    expect(text).toContain('partially done: 1 done · 0 copying · 0 queued · 1 failed of 2');
    expect(text).toContain(
      '`s-failing` (disk `d-failing`) failed: `QuotaExceed.Snapshot` The destination region',
    );
  });

  it('says which finished copies a cancelled batch kept', () => {
    const items = [
      ...buildBatchItems(1),
      ...buildBatchItems(1, {
        index: 1,
        sourceSnapshotId: 's-stopped',
        status: 'cancelled',
        newSnapshotId: undefined,
      }),
    ];
    const view = buildBatchView({
      status: 'cancelled',
      items,
      cancellation: { by: APPROVER, at: Date.UTC(2026, 10, 25, 11) },
      counts: { total: 2, pending: 0, queued: 0, copying: 0, done: 1, failed: 0, cancelled: 1 },
    });
    const text = allText(buildBatchOutcomeMessage(view).blocks);
    expect(text).toContain('1 finished copy was kept');
    expect(text).toContain(
      `:white_check_mark: \`${items[0]!.sourceSnapshotId}\` → \`${items[0]!.newSnapshotId}\``,
    );
    expect(text).toContain('`s-stopped`');
    expect(text).toContain('cancelled before it started');
  });
});
