import { describe, expect, it } from 'vitest';
import { buildOutcomeMessage } from '../../../src/slack/blocks/outcome-message.ts';
import { allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { APPROVER, buildRequestView } from '../support/request-views.ts';

describe('buildOutcomeMessage', () => {
  it('reports a finished copy with both snapshot IDs, regions, the key, retention, people and duration', () => {
    const view = buildRequestView({
      status: 'done',
      copy: {
        snapshotId: 's-gw8newcopy01',
        progress: 100,
        startedAt: 1_000_000,
        finishedAt: 1_000_000 + 754_000,
      },
    });
    Object.assign(view.approval, { decidedBy: APPROVER, decidedAt: 999_000 });
    const message = buildOutcomeMessage(view);
    const text = allText(message.blocks);
    for (const expected of [
      's-bp1source0001',
      'cn-hangzhou',
      's-gw8newcopy01',
      'ap-southeast-1',
      'alias/dr-key',
      'key-sg-cmk-0001',
      '30 days',
      '<@U0REQUESTER>',
      '<@U0APPROVER1>',
      '12 min 34 s',
    ]) {
      expect(text).toContain(expected);
    }
    expectWithinBlockKitLimits(message.blocks, 50);
  });

  it('says a plain copy is not encrypted', () => {
    const view = buildRequestView({ status: 'done', copy: { snapshotId: 's-x', progress: 100 } });
    view.parameters.copyType = 'copy';
    expect(allText(buildOutcomeMessage(view).blocks)).toMatch(/\*Encrypted\*\nno/);
  });

  it('tells the requester about expiry, rejection and failure', () => {
    expect(allText(buildOutcomeMessage(buildRequestView({ status: 'expired' })).blocks)).toContain(
      '<@U0REQUESTER> your snapshot copy *sc-abcdefghij* expired',
    );
    const rejected = buildRequestView({ status: 'rejected' });
    Object.assign(rejected.approval, { decidedBy: APPROVER, decidedAt: 0, rejectReason: 'wrong region' });
    expect(allText(buildOutcomeMessage(rejected).blocks)).toContain('wrong region');
    const failed = buildRequestView({
      status: 'failed',
      failure: {
        code: 'InvalidKMSKeyId.NotFound',
        hint: 'The key does not exist in the destination region.',
      },
    });
    expect(allText(buildOutcomeMessage(failed).blocks)).toContain('InvalidKMSKeyId.NotFound');
  });

  it('reports a cancelled copy whose partial snapshot was deleted', () => {
    const view = buildRequestView({
      status: 'cancelled',
      cancellation: { by: APPROVER, at: 0, outcome: 'partialCopyDeleted' },
    });
    expect(allText(buildOutcomeMessage(view).blocks)).toContain('the partial copy was deleted');
  });
});
