import { describe, expect, it } from 'vitest';
import { buildRequestModal } from '../../../src/slack/blocks/request-modal.ts';
import type { RequestModalModel } from '../../../src/slack/request-modal-model.ts';
import { allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';

const regions = [{ regionId: 'cn-hangzhou' }, { regionId: 'ap-southeast-1' }] as RequestModalModel['regions'];

function blockIds(model: RequestModalModel): string[] {
  return buildRequestModal(model).blocks.flatMap((b) =>
    (b as { block_id?: string }).block_id ? [(b as { block_id: string }).block_id] : [],
  );
}

describe('request modal, batch modes', () => {
  it('replaces the snapshot picker with the instance input in the instance mode', () => {
    const single = blockIds({ regions, values: {}, metadata: { channelId: 'C0OPS' } });
    expect(single).toContain('source_snapshot');
    expect(single).not.toContain('selector_instance');
    const batch = blockIds({ regions, values: { mode: 'instance' }, metadata: { channelId: 'C0OPS' } });
    expect(batch).toEqual(
      expect.arrayContaining(['copy_mode', 'selector_instance', 'destination_region', 'name', 'reason']),
    );
    expect(batch).not.toContain('source_snapshot');
    expect(blockIds({ regions, values: { mode: 'tags' }, metadata: { channelId: 'C0OPS' } })).toContain(
      'selector_tags',
    );
  });

  it('shows what the selection finds, and trims the refused disks', () => {
    const refused = Array.from({ length: 500 }, (_, i) => ({
      diskId: `d-refused${i}`,
      code: 'archived',
      message: 'Archived snapshots cannot be copied.',
    }));
    const view = buildRequestModal({
      regions,
      values: { mode: 'instance', instanceId: 'i-bp1abc' },
      metadata: { channelId: 'C0OPS' },
      preview: {
        items: [{ index: 0, diskId: 'd-1', sourceSnapshotId: 's-1', sizeGiB: 40 } as never],
        refused,
        disksFound: 501,
        refusals: [],
        estimate: { total: { amount: 5.2, currency: 'USD' } } as never,
        approval: { required: true, reasons: ['crossRegion'] } as never,
      },
    });
    const text = allText(view.blocks);
    expect(text).toContain('501 disks found');
    expect(text).toContain('1 snapshot will be copied · 40 GiB · estimate 5.20 USD');
    expect(text).toMatch(/…and \d+ more/);
    expectWithinBlockKitLimits(view.blocks, 100);
  });
});
