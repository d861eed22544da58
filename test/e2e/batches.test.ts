/**
 * Batches end to end, through Bolt and the Alibaba SDKs against both stand-ins: a 40-disk
 * instance asked in the modal, estimated, approved once and copied, with every source and new
 * snapshot ID in the one result; an instance whose unready disks are refused up front and one of
 * whose copies fails mid-way; and a batch cancelled in the middle.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/local/slack/index.ts';
import { APPROVE_BATCH_ACTION_ID, CANCEL_BATCH_ACTION_ID } from '../../src/slack/slack-ids.ts';
import type { BatchView } from '../../src/workflow/batch/copy-batch-view.ts';
import { blocksText, Harness, ids } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const DRILL_INSTANCE = 'i-bp1drill000000000001';
const ERP_INSTANCE = 'i-bp1erp0100000000001';
const toShanghaiUnderCmk = {
  sourceRegionId: 'cn-hangzhou',
  destinationRegionId: 'cn-shanghai',
  copyType: 'copyAndEncrypt' as const,
  key: 'cmk:key-uf6drbackup0000001',
};

/** The batch's message in a channel, once it matches. */
function batchMessage(h: Harness, channelId: string, batchId: string, matches: (m: SlackMessage) => boolean) {
  return h.slack.waitFor(
    () => h.botMessages(channelId).find((m) => JSON.stringify(m).includes(batchId) && matches(m)),
    { timeoutMs: 30_000, description: `a message about ${batchId} in ${channelId}` },
  );
}

const messagesAbout = (h: Harness, channelId: string, id: string) =>
  h.botMessages(channelId).filter((m) => JSON.stringify(m).includes(id));

/** A person clicks the button on the batch's message that offers it; returns that message. */
async function clickOnBatch(
  h: Harness,
  who: { userId: string; channelId: string },
  batchId: string,
  actionId: string,
): Promise<SlackMessage> {
  const message = await batchMessage(h, who.channelId, batchId, (m) => JSON.stringify(m).includes(actionId));
  await h.slack.driver.clickButton({ ...who, messageTs: message.ts, actionId });
  return message;
}

const approveBatch = (h: Harness, batch: BatchView) =>
  clickOnBatch(
    h,
    { userId: ids.approver, channelId: ids.approvalsChannel },
    batch.batchId,
    APPROVE_BATCH_ACTION_ID,
  );

describe('a batch of every disk of an instance', () => {
  it('copies a 40-disk instance with one approval and names every source and new snapshot in one result', async () => {
    harness = await Harness.start();
    const { submission, batch } = await harness.batch(toShanghaiUnderCmk, {
      text: `instance ${DRILL_INSTANCE}`,
    });
    expect(submission.outcome).toBe('closed');
    const awaiting = await harness.waitForBatchStatus(batch!.batchId, ['awaitingApproval']);
    expect(awaiting.items).toHaveLength(40);
    expect(awaiting.approval.reasons).toEqual(['crossRegion', 'customerMasterKey']);
    expect(awaiting.estimate?.total.amount).toBeGreaterThan(0);

    const approval = await approveBatch(harness, awaiting);
    expect(blocksText(approval)).toContain('40');
    const done = await harness.waitForBatchStatus(awaiting.batchId, ['done'], 120_000);
    expect(done.counts).toMatchObject({ total: 40, done: 40 });

    const card = await batchMessage(harness, ids.opsChannel, done.batchId, (m) => m.text.includes('Done'));
    const result = await harness.threadReply(card, ids.opsChannel, (m) => blocksText(m).includes('→'));
    const shown = blocksText(result);
    for (const item of done.items) {
      expect(shown).toContain(item.sourceSnapshotId);
      expect(shown).toContain(item.newSnapshotId!);
      expect(harness.cloud.world.snapshot(item.newSnapshotId!)).toMatchObject({
        regionId: 'cn-shanghai',
        encrypted: true,
        kmsKeyId: 'key-uf6drbackup0000001',
        sourceSnapshotId: item.sourceSnapshotId,
      });
    }
    expect(shown).toContain('key-uf6drbackup0000001');
    // One card, one approval message and one result for the batch; nothing for its 40 items.
    expect(messagesAbout(harness, ids.approvalsChannel, done.batchId)).toHaveLength(1);
    expect(messagesAbout(harness, ids.opsChannel, done.batchId)).toHaveLength(1);
    expect(harness.slack.state.thread(ids.opsChannel, card.ts).slice(1)).toHaveLength(1);
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(40);
  }, 180_000);

  it('refuses the unready disks up front, and a copy failing mid-way fails only its item', async () => {
    harness = await Harness.start({ clockSpeed: 0 });
    const { batch } = await harness.batch(toShanghaiUnderCmk, { text: `instance ${ERP_INSTANCE}` });
    const awaiting = await harness.waitForBatchStatus(batch!.batchId, ['awaitingApproval']);
    expect(awaiting.refused.map((refusal) => refusal.code).sort()).toEqual([
      'sourceSnapshotId.none',
      'sourceSnapshotId.notReady',
    ]);
    const approval = await approveBatch(harness, awaiting);
    expect(blocksText(approval)).toContain('d-bp1erp01scratch001');

    const copying = await harness.waitForBatchStatus(awaiting.batchId, ['running']);
    const started = await harness.slack.waitFor(
      () => {
        const live = harness!.cloud.world
          .snapshotsIn('cn-shanghai')
          .filter((snapshot) => snapshot.tags.some((tag) => tag.value === copying.batchId));
        return live.length === awaiting.items.length ? live : undefined;
      },
      { timeoutMs: 15_000, description: 'every item copying' },
    );
    harness.cloud.world.failCopy(started[0]!.snapshotId);
    harness.cloud.clock.advance(3600_000);
    const ended = await harness.waitForBatchStatus(awaiting.batchId, ['partiallyDone'], 30_000);
    expect(ended.counts).toMatchObject({ done: awaiting.items.length - 1, failed: 1 });
    const failed = ended.items.find((item) => item.status === 'failed');
    const card = await batchMessage(harness, ids.opsChannel, ended.batchId, () => true);
    const result = await harness.threadReply(card, ids.opsChannel, (m) => blocksText(m).includes('→'));
    expect(blocksText(result)).toContain(failed!.failure!.code);
  }, 60_000);

  it('cancels mid-batch from the card: copies under way are deleted, queued items send nothing', async () => {
    harness = await Harness.start({ clockSpeed: 0, env: { SNAPCOPY_MAX_COPIES_PER_REGION: '2' } });
    const { batch } = await harness.batch(toShanghaiUnderCmk, { text: `instance ${ERP_INSTANCE}` });
    const awaiting = await harness.waitForBatchStatus(batch!.batchId, ['awaitingApproval']);
    await approveBatch(harness, awaiting);
    await harness.slack.waitFor(
      () => harness!.cloud.calls.callsTo('CopySnapshot').length === 2 || undefined,
      {
        timeoutMs: 15_000,
        description: 'two copies under way',
      },
    );
    const requester = { userId: ids.requester, channelId: ids.opsChannel };
    await clickOnBatch(harness, requester, awaiting.batchId, CANCEL_BATCH_ACTION_ID);
    const ended = await harness.waitForBatchStatus(awaiting.batchId, ['cancelled'], 30_000);
    expect(ended.counts.cancelled).toBe(awaiting.items.length);
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(2);
    expect(
      harness.cloud.world
        .snapshotsIn('cn-shanghai')
        .filter((s) => s.tags.some((t) => t.value === ended.batchId)),
    ).toHaveLength(0);
  }, 60_000);
});
