import { describe, expect, it } from 'vitest';
import { buildRequestCard } from '../../../src/slack/blocks/request-card.ts';
import { CANCEL_ACTION_ID } from '../../../src/slack/slack-ids.ts';
import { actionIds, allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { buildRequestView } from '../support/request-views.ts';

describe('buildRequestCard', () => {
  it('shows the parameters, the estimate with its basis and example prices, and why approval is needed', () => {
    const card = buildRequestCard(buildRequestView());
    const text = allText(card.blocks);
    expect(text).toContain('s-bp1source0001');
    expect(text).toContain('ap-southeast-1');
    expect(text).toContain('Copy and Encrypt');
    expect(text).toContain('alias/dr-key');
    expect(text).toContain('first copy to ap-southeast-1 under key-sg-cmk-0001: full disk size 40 GiB');
    expect(text).toContain('Example prices as of 2026-11-01');
    expect(text).toContain(
      'goes to another region and is encrypted with a customer master key. Route: cn-hangzhou → ap-southeast-1.',
    );
    expect(text).toContain('customer master key');
    expect(card.text).toContain('sc-abcdefghij');
    expectWithinBlockKitLimits(card.blocks, 50);
  });

  it('offers Cancel with a confirm dialog while the request is open, and not once it is final', () => {
    const open = buildRequestCard(buildRequestView({ status: 'inProgress' }));
    expect(actionIds(open.blocks)).toEqual([CANCEL_ACTION_ID]);
    const button = JSON.stringify(open.blocks);
    expect(button).toContain('"confirm"');
    const done = buildRequestCard(buildRequestView({ status: 'done' }));
    expect(actionIds(done.blocks)).toEqual([]);
    expect(actionIds(buildRequestCard(buildRequestView(), { withActions: false }).blocks)).toEqual([]);
  });

  it('shows progress while copying', () => {
    const card = buildRequestCard(
      buildRequestView({
        status: 'inProgress',
        copy: { snapshotId: 's-new', progress: 45, remainTimeSeconds: 120 },
      }),
    );
    expect(allText(card.blocks)).toMatch(/▓{5}░{5} 45%, about 2 min left/);
  });

  it('says a request waits for a copy slot, with its place in line when the view knows it', () => {
    const live = buildRequestCard(
      buildRequestView({ status: 'copying', queued: { regionId: 'cn-shanghai', ahead: 3 } }),
    );
    expect(allText(live.blocks)).toContain('Queued: 3 copies ahead in cn-shanghai');
    const durable = buildRequestCard(
      buildRequestView({ status: 'copying', queued: { regionId: 'cn-shanghai' } }),
    );
    expect(allText(durable.blocks)).toContain('Queued in cn-shanghai');
    expect(allText(buildRequestCard(buildRequestView({ status: 'copying' })).blocks)).not.toContain('Queued');
  });

  it('escapes user text so it cannot mention, link or inject', () => {
    const view = buildRequestView();
    view.parameters.reason = '<!channel> see <https://evil.example|here> & more';
    view.parameters.tags = [{ key: '<@U0BOSS>', value: 'x' }];
    const text = allText(buildRequestCard(view).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).not.toContain('<@U0BOSS>');
    expect(text).toContain('&lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; more');
  });

  it('caps very long user text to the Block Kit limits', () => {
    const view = buildRequestView();
    view.parameters.reason = 'x'.repeat(10_000);
    view.parameters.description = '<'.repeat(5_000);
    view.parameters.tags = Array.from({ length: 40 }, (_, i) => ({
      key: `k${i}`.repeat(30),
      value: 'v'.repeat(128),
    }));
    const card = buildRequestCard(view);
    expectWithinBlockKitLimits(card.blocks, 50);
    expect(allText(card.blocks)).not.toMatch(/&l…|&lt…/);
  });

  it('lists refusals and cloud failures in plain words', () => {
    const refused = buildRequestCard(
      buildRequestView({
        status: 'failed',
        refusals: [{ code: 'x', field: 'copyType', message: 'Encrypted snapshots need Copy and Encrypt.' }],
      }),
    );
    expect(allText(refused.blocks)).toContain('Encrypted snapshots need Copy and Encrypt.');
    const failed = buildRequestCard(
      buildRequestView({
        status: 'failed',
        failure: { code: 'QuotaExceed.Snapshot', hint: 'Delete old snapshots.' },
      }),
    );
    expect(allText(failed.blocks)).toContain('QuotaExceed.Snapshot');
    expect(allText(failed.blocks)).toContain('Delete old snapshots.');
  });

  it('says a same-region default-key copy was approved automatically', () => {
    const view = buildRequestView({
      status: 'copying',
      approval: { required: false, reasons: [], automatic: true },
      key: { keyId: 'key-default', alias: 'alias/acs/ecs', defaultServiceKey: true },
    });
    expect(allText(buildRequestCard(view).blocks)).toContain('Approved automatically');
  });
});
