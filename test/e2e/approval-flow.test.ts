import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID, blocksText, Harness, ids, REJECT_ACTION_ID } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness.close();
});

const crossRegionCmk = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'cn-shanghai',
  copyType: 'copyAndEncrypt' as const,
  key: 'cmk:key-uf6drbackup0000001',
  retentionDays: '14',
};

describe('a cross-region copy under a CMK', () => {
  it('is approved by an approver, copied, and reported with both snapshot IDs and the key', async () => {
    const { submission, request } = await harness.request(crossRegionCmk);
    expect(submission.outcome).toBe('closed');
    const requestId = request!.requestId;

    const card = await harness.message(ids.opsChannel, requestId, (m) =>
      m.text.includes('Waiting for approval'),
    );
    expect(blocksText(card)).toContain('Route: cn-hangzhou → cn-shanghai.');
    const approval = await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes(APPROVE_ACTION_ID),
    );
    expect(blocksText(approval)).toContain('Example prices as of');

    await harness.slack.driver.clickButton({
      userId: ids.approver,
      channelId: ids.approvalsChannel,
      messageTs: approval.ts,
      actionId: APPROVE_ACTION_ID,
    });
    const done = await harness.waitForStatus(requestId, 'done');
    const newSnapshotId = done.copy!.snapshotId!;
    const copy = harness.cloud.world.snapshot(newSnapshotId);
    expect(copy).toMatchObject({
      regionId: 'cn-shanghai',
      encrypted: true,
      kmsKeyId: 'key-uf6drbackup0000001',
    });

    const outcome = await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes(newSnapshotId));
    const result = blocksText(outcome);
    for (const expected of [
      's-bp1web01sys00000002',
      'cn-hangzhou',
      newSnapshotId,
      'cn-shanghai',
      'alias/dr-backup',
      'key-uf6drbackup0000001',
      '14 days',
      '<@U0APPROVER1>',
    ]) {
      expect(result).toContain(expected);
    }
    const decided = await harness.message(
      ids.approvalsChannel,
      requestId,
      (m) => !blocksText(m).includes(APPROVE_ACTION_ID),
    );
    expect(blocksText(decided)).toContain('Approved by <@U0APPROVER1>');
    const finalCard = await harness.message(ids.opsChannel, requestId, (m) => m.text.includes('Done'));
    expect(blocksText(finalCard)).toContain(`New snapshot \`${newSnapshotId}\` in cn-shanghai`);
  });

  it('gives one decision and one copy when two approvers click at once', async () => {
    const { request } = await harness.request(crossRegionCmk);
    const requestId = request!.requestId;
    const approval = await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes(APPROVE_ACTION_ID),
    );
    const click = (userId: string) =>
      harness.slack.driver.clickButton({
        userId,
        channelId: ids.approvalsChannel,
        messageTs: approval.ts,
        actionId: APPROVE_ACTION_ID,
      });
    await Promise.all([click(ids.approver), click(ids.secondApprover)]);
    const done = await harness.waitForStatus(requestId, 'done');
    const copies = harness.cloud.world
      .snapshotsIn('cn-shanghai')
      .filter((s) => s.tags.some((t) => t.key === 'snapcopy:request-id' && t.value === requestId));
    expect(copies.map((c) => c.snapshotId)).toEqual([done.copy!.snapshotId]);
    const loser = done.approval.decidedBy === ids.approver ? ids.secondApprover : ids.approver;
    await harness.ephemeralFor(loser, 'already approved by');
  });

  it('is rejected with a reason that the requester and the approvals channel see', async () => {
    const { request } = await harness.request(crossRegionCmk);
    const requestId = request!.requestId;
    const approval = await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes(REJECT_ACTION_ID),
    );
    const before = harness.openModalIds(ids.approver);
    await harness.slack.driver.clickButton({
      userId: ids.approver,
      channelId: ids.approvalsChannel,
      messageTs: approval.ts,
      actionId: REJECT_ACTION_ID,
    });
    const modal = await harness.openedModal(ids.approver, before);
    const empty = await harness.slack.driver.submitView({ userId: ids.approver, viewId: modal.view.id });
    expect(empty.outcome).toBe('errors');
    const submitted = await harness.slack.driver.submitView({
      userId: ids.approver,
      viewId: modal.view.id,
      values: { reject_reason: { reject_reason_input: 'use ap-southeast-1, our DR region' } },
    });
    expect(submitted.outcome).toBe('closed');
    const rejected = await harness.waitForStatus(requestId, 'rejected');
    expect(rejected.approval.rejectReason).toBe('use ap-southeast-1, our DR region');
    const card = await harness.message(ids.opsChannel, requestId);
    const outcome = await harness.threadReply(card, ids.opsChannel, (m) => m.text.includes('rejected'));
    expect(blocksText(outcome)).toContain('use ap-southeast-1, our DR region');
    const decided = await harness.message(
      ids.approvalsChannel,
      requestId,
      (m) => !blocksText(m).includes(REJECT_ACTION_ID),
    );
    expect(blocksText(decided)).toContain('Rejected by <@U0APPROVER1>');
    expect(
      harness.cloud.calls.callsTo('CopySnapshot').filter((c) => JSON.stringify(c).includes(requestId)),
    ).toEqual([]);
  });

  it("refuses a bystander's click and a self-approval with a private message", async () => {
    const { request } = await harness.request(crossRegionCmk);
    const requestId = request!.requestId;
    const approval = await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes(APPROVE_ACTION_ID),
    );
    await harness.slack.driver.clickButton({
      userId: ids.bystander,
      channelId: ids.approvalsChannel,
      messageTs: approval.ts,
      actionId: APPROVE_ACTION_ID,
    });
    await harness.ephemeralFor(ids.bystander, 'Only approvers can approve');

    const own = await harness.request(crossRegionCmk, { userId: ids.approver });
    const ownId = own.request!.requestId;
    const ownApproval = await harness.message(ids.approvalsChannel, ownId, (m) =>
      blocksText(m).includes(APPROVE_ACTION_ID),
    );
    await harness.slack.driver.clickButton({
      userId: ids.approver,
      channelId: ids.approvalsChannel,
      messageTs: ownApproval.ts,
      actionId: APPROVE_ACTION_ID,
    });
    await harness.ephemeralFor(ids.approver, 'You cannot approve or reject your own request');
    expect((await harness.service.get(requestId))!.status).toBe('awaitingApproval');
    expect((await harness.service.get(ownId))!.status).toBe('awaitingApproval');
  });
});
