import { describe, expect, it } from 'vitest';
import { buildBatchCard } from '../../../src/slack/blocks/batch-card.ts';
import { BATCH_ID, buildBatchItems, buildBatchView } from '../support/batch-views.ts';
import { actionIds, allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';

describe('batch card', () => {
  it('shows the selection, destination, key, estimate and the refused disks', () => {
    const card = buildBatchCard(buildBatchView());
    const text = allText(card.blocks);
    expect(text).toContain('every disk of instance `i-bp1instance01`');
    expect(text).toContain('ap-southeast-1');
    expect(text).toContain('alias/dr-key');
    expect(text).toContain('15.60 USD');
    expect(text).toContain('`d-bp1archived`');
    expect(text).toContain('Archived snapshots cannot be copied.');
    expectWithinBlockKitLimits(card.blocks, 50);
    expect(JSON.stringify(card.blocks).length).toBeLessThanOrEqual(13_000);
  });

  it('shows the aggregate progress while running, and a Cancel button carrying the batch ID', () => {
    const items = [
      ...buildBatchItems(2),
      ...buildBatchItems(1, { status: 'inProgress', progress: 50, newSnapshotId: undefined }),
    ];
    const view = buildBatchView({
      status: 'running',
      items,
      counts: { total: 4, pending: 0, queued: 1, copying: 1, done: 2, failed: 0, cancelled: 0 },
      totalGiB: 160,
      remainTimeSeconds: 300,
    });
    const card = buildBatchCard(view);
    const text = allText(card.blocks);
    expect(text).toContain('2 done · 1 copying · 1 queued · 0 failed of 4 · 160 GiB');
    expect(text).toContain('about 5 min left');
    expect(actionIds(card.blocks)).toEqual(['snapcopy_batch_cancel']);
    expect(JSON.stringify(card.blocks)).toContain(`"value":"${BATCH_ID}"`);
  });

  it('has no Cancel button once the batch is final, nor in a read-only copy', () => {
    expect(actionIds(buildBatchCard(buildBatchView({ status: 'done' })).blocks)).toEqual([]);
    expect(actionIds(buildBatchCard(buildBatchView(), { withActions: false }).blocks)).toEqual([]);
  });

  it('trims a long refused list to its room with "…and N more"', () => {
    const refused = Array.from({ length: 300 }, (_, i) => ({
      diskId: `d-refused${i}`,
      code: 'unfinished',
      message: 'The latest snapshot is not finished yet.',
    }));
    const card = buildBatchCard(buildBatchView({ refused }));
    expectWithinBlockKitLimits(card.blocks, 50);
    expect(JSON.stringify(card.blocks).length).toBeLessThanOrEqual(13_000);
    expect(allText(card.blocks)).toMatch(/…and \d+ more/);
  });
});
