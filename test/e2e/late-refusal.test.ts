import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, Harness, ids } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ bot: { submitCheckBudgetMs: 300 } });
});
afterAll(async () => {
  await harness.close();
});

describe('a refusal the cloud check finds only after the modal closed', () => {
  it('reaches the requester on the card, in its thread and in a direct message', async () => {
    const viewId = await harness.fillRequest({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1logs01archive001',
      destinationRegionId: 'cn-shanghai',
      copyType: 'copy',
      name: 'logs-copy',
      reason: 'audit',
    });
    // The check at submit answers too late for Slack's three seconds; the modal closes without it.
    harness.cloud.faults.inject({ action: 'DescribeSnapshots', kind: 'delay', delayMs: 1500, times: 1 });
    const submittedAt = Date.now();
    const submission = await harness.slack.driver.submitView({ userId: ids.requester, viewId });
    expect(submission.outcome).toBe('closed');

    const request = await harness.waitForRequest(ids.requester, submittedAt);
    const failed = await harness.waitForStatus(request.requestId, 'failed');
    expect(failed.refusals?.map((r) => r.code)).toContain('sourceSnapshotId.archived');
    const card = await harness.message(ids.opsChannel, request.requestId, (m) => m.text.includes('Failed'));
    expect(blocksText(card)).toContain('archived snapshots cannot be copied');
    await harness.threadReply(card, ids.opsChannel, (m) => blocksText(m).includes('archived'));
    await harness.slack.waitFor(() =>
      harness.slack.state
        .conversations()
        .filter((c) => c.id.startsWith('D') && c.members.includes(ids.requester))
        .some((dm) => harness.botMessages(dm.id).some((m) => blocksText(m).includes('archived'))),
    );
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toEqual([]);
  });
});
