import { describe, expect, it } from 'vitest';
import { buildBatchApprovalMessage } from '../../../src/slack/blocks/batch-approval-message.ts';
import { BATCH_ID, buildBatchView } from '../support/batch-views.ts';
import { actionIds, allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { APPROVER } from '../support/request-views.ts';

function buttons(blocks: unknown[]): { action_id: string; value: string }[] {
  return blocks.flatMap((b) =>
    (b as { type: string }).type === 'actions' ? (b as { elements: never[] }).elements : [],
  );
}

describe('batch approval message', () => {
  it('asks for one decision on N snapshots, with the digest in the Approve button', () => {
    const message = buildBatchApprovalMessage(buildBatchView());
    const text = allText(message.blocks);
    expect(text).toContain('3 snapshots');
    expect(text).toContain('120 GiB');
    expect(text).toContain('Quarterly DR drill');
    expect(text).toContain('`d-bp1archived`');
    expect(buttons(message.blocks)).toMatchObject([
      { action_id: 'snapcopy_batch_approve', value: `${BATCH_ID}:0123456789abcdef` },
      { action_id: 'snapcopy_batch_reject', value: BATCH_ID },
    ]);
    expectWithinBlockKitLimits(message.blocks, 50);
  });

  it('shows the decision without buttons once decided', () => {
    const decided = buildBatchView({
      status: 'running',
      approval: {
        required: true,
        reasons: ['crossRegion'],
        decidedBy: APPROVER,
        decidedAt: Date.UTC(2026, 10, 25, 10),
      },
    });
    const message = buildBatchApprovalMessage(decided);
    expect(actionIds(message.blocks)).toEqual([]);
    expect(allText(message.blocks)).toContain(`Approved by <@${APPROVER}>`);
  });

  it('shows the reject reason without buttons once rejected', () => {
    const rejected = buildBatchView({
      status: 'rejected',
      approval: {
        required: true,
        reasons: ['crossRegion'],
        decidedBy: APPROVER,
        decidedAt: Date.UTC(2026, 10, 25, 10),
        rejectReason: 'wrong region',
      },
    });
    const message = buildBatchApprovalMessage(rejected);
    expect(actionIds(message.blocks)).toEqual([]);
    expect(allText(message.blocks)).toContain('wrong region');
  });
});
