import { describe, expect, it } from 'vitest';
import { buildHomeTab } from '../../../src/slack/blocks/home-tab.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../../src/slack/slack-ids.ts';
import { actionIds, allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { buildRequestView } from '../support/request-views.ts';

describe('buildHomeTab', () => {
  it("shows the user's requests with status and progress", () => {
    const home = buildHomeTab({
      own: [buildRequestView({ status: 'inProgress', copy: { snapshotId: 's-new', progress: 60 } })],
    });
    expect(home.type).toBe('home');
    expect(allText(home.blocks)).toContain('sc-abcdefghij');
    expect(allText(home.blocks)).toContain('60%');
    expect(actionIds(home.blocks)).toEqual([]);
  });

  it('gives approvers Approve and Reject for what waits for them', () => {
    const home = buildHomeTab({ own: [], awaiting: [buildRequestView()] });
    expect(allText(home.blocks)).toContain('Waiting for your approval');
    expect(actionIds(home.blocks)).toEqual([APPROVE_ACTION_ID, REJECT_ACTION_ID]);
  });

  it('stays within 100 blocks with many requests', () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      buildRequestView({ requestId: `sc-${i}`, createdAt: i }),
    );
    const home = buildHomeTab({ own: many, awaiting: many });
    expectWithinBlockKitLimits(home.blocks, 100);
    expect(allText(home.blocks)).toContain('sc-79');
  });
});
