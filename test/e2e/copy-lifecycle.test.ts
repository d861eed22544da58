import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID, blocksText, CANCEL_ACTION_ID, Harness, ids } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const sameRegionDefaultKey = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'cn-hangzhou',
  copyType: 'copyAndEncrypt' as const,
  key: 'default',
};

describe('the copy lifecycle', () => {
  it('approves a same-region copy under the default service key automatically and finishes it', async () => {
    harness = await Harness.start();
    const { request } = await harness.request(sameRegionDefaultKey);
    const requestId = request!.requestId;
    const done = await harness.waitForStatus(requestId, 'done');
    expect(done.approval).toMatchObject({ required: false, automatic: true });
    expect(
      harness.botMessages(ids.approvalsChannel).filter((m) => JSON.stringify(m).includes(requestId)),
    ).toEqual([]);
    const card = await harness.message(ids.opsChannel, requestId, (m) => m.text.includes('Done'));
    expect(blocksText(card)).toContain('Approved automatically');
    const outcome = await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes('finished'));
    expect(blocksText(outcome)).toContain(done.copy!.snapshotId!);
    expect(blocksText(outcome)).toContain('alias/acs/ecs');
  });

  it('cancels a running copy and deletes the partial snapshot in the cloud', async () => {
    harness = await Harness.start({ clockSpeed: 0 });
    const { request } = await harness.request(sameRegionDefaultKey);
    const requestId = request!.requestId;
    const copying = await harness.waitForStatus(requestId, 'inProgress');
    const partial = copying.copy!.snapshotId!;
    expect(harness.cloud.world.snapshot(partial)?.status).toBe('progressing');

    const card = await harness.message(ids.opsChannel, requestId, (m) =>
      blocksText(m).includes(CANCEL_ACTION_ID),
    );
    await harness.slack.driver.clickButton({
      userId: ids.requester,
      channelId: ids.opsChannel,
      messageTs: card.ts,
      actionId: CANCEL_ACTION_ID,
    });
    const cancelled = await harness.waitForStatus(requestId, 'cancelled');
    expect(cancelled.cancellation).toMatchObject({ by: ids.requester, outcome: 'partialCopyDeleted' });
    expect(harness.cloud.world.snapshot(partial)).toBeUndefined();
    const outcome = await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes('cancelled'));
    expect(blocksText(outcome)).toContain('the partial copy was deleted');
    const finalCard = await harness.message(ids.opsChannel, requestId, (m) => m.text.includes('Cancelled'));
    expect(blocksText(finalCard)).not.toContain(CANCEL_ACTION_ID);
  });

  it('expires an undecided request and tells the requester', async () => {
    harness = await Harness.start({ env: { SNAPCOPY_APPROVAL_TTL: '1s' } });
    const { request } = await harness.request({
      ...sameRegionDefaultKey,
      destinationRegionId: 'cn-shanghai',
    });
    const requestId = request!.requestId;
    await harness.waitForStatus(requestId, 'expired');
    const card = await harness.message(ids.opsChannel, requestId);
    const outcome = await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes('expired'));
    expect(blocksText(outcome)).toContain('<@U0REQUESTER>');
    await harness.slack.waitFor(() =>
      harness!.slack.state
        .conversations()
        .filter((c) => c.id.startsWith('D') && c.members.includes(ids.requester))
        .some((dm) => harness!.botMessages(dm.id).some((m) => m.text.includes('expired'))),
    );
    const approval = await harness.message(
      ids.approvalsChannel,
      requestId,
      (m) => !blocksText(m).includes(APPROVE_ACTION_ID),
    );
    expect(blocksText(approval)).toContain('Expired');
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toEqual([]);
  });

  it('brings progress and the result through rate-limited card updates', async () => {
    harness = await Harness.start({ clockSpeed: 0 });
    const { request } = await harness.request(sameRegionDefaultKey);
    const requestId = request!.requestId;
    await harness.waitForStatus(requestId, 'inProgress');
    harness.slack.faults.inject({
      method: 'chat.update',
      kind: 'ratelimited',
      retryAfterSeconds: 1,
      times: 3,
    });
    harness.cloud.clock.advance(60 * 60_000);
    const done = await harness.waitForStatus(requestId, 'done');
    const card = await harness.message(ids.opsChannel, requestId, (m) => m.text.includes('Done'));
    expect(blocksText(card)).toContain(done.copy!.snapshotId!);
    await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes(done.copy!.snapshotId!));
    expect(harness.slack.faults.pending()).toEqual([]);
    expect(harness.slack.calls.to('chat.update').length).toBeGreaterThan(3);
  });
});
