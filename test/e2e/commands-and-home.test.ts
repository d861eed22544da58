import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID, blocksText, Harness, INPUT, ids } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ clockSpeed: 0 });
});
afterAll(async () => {
  await harness.close();
});

const crossRegion = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'ap-southeast-1',
  copyType: 'copy' as const,
};

async function command(userId: string, text: string, channelId: string = ids.opsChannel) {
  const before = harness.slack.state.ephemerals(userId).length;
  const reply = await harness.slack.driver.slashCommand({ userId, channelId, text });
  expect(reply.status).toBe(200);
  const answer = await harness.slack.waitFor(() => harness.slack.state.ephemerals(userId).slice(before)[0], {
    timeoutMs: 10_000,
    description: `an answer to /snapcopy ${text}`,
  });
  return blocksText(answer);
}

describe('/snapcopy subcommands', () => {
  it('help, unknown words and missing IDs answer with the usage', async () => {
    const help = await command(ids.requester, 'help');
    expect(help).toContain('/snapcopy status <request-id | batch-id>');
    expect(help).toContain('/snapcopy instance <instance-id>');
    expect(await command(ids.requester, 'frobnicate')).toContain('I do not know `frobnicate`');
    expect(await command(ids.requester, 'status')).toContain('Usage: `/snapcopy status <request-id>`');
  });

  it('status, list and cancel act on requests, only for those allowed', async () => {
    const { request } = await harness.request(crossRegion);
    const requestId = request!.requestId;
    await harness.waitForStatus(requestId, 'awaitingApproval');

    const status = await command(ids.bystander, `status ${requestId}`);
    expect(status).toContain('Waiting for approval');
    expect(status).not.toContain('snapcopy_cancel');
    expect(await command(ids.requester, 'status sc-nosuchthing')).toContain(
      'I cannot find request sc-nosuchthing',
    );

    const mine = await command(ids.requester, 'list');
    expect(mine).toContain(requestId);
    expect(mine).not.toContain('Waiting for your approval');
    const approverList = await command(ids.approver, 'list');
    expect(approverList).toContain('Waiting for your approval');
    expect(approverList).toContain(requestId);

    expect(await command(ids.bystander, `cancel ${requestId}`)).toContain(
      'Only the requester or an approver can cancel',
    );
    expect(await command(ids.requester, `cancel ${requestId}`)).toContain(`Cancelling request ${requestId}`);
    const cancelled = await harness.waitForStatus(requestId, 'cancelled');
    expect(cancelled.cancellation?.outcome).toBe('beforeCopy');
    expect(await command(ids.requester, `cancel ${requestId}`)).toContain('has already finished');
  });

  it('pre-fills the modal from a snapshot ID, with the region found and the facts shown', async () => {
    const before = harness.openModalIds(ids.requester);
    await harness.slack.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 's-bp1db01data00000001',
    });
    const modal = await harness.openedModal(ids.requester, before);
    const values = modal.view.state.values;
    expect(
      values[INPUT.sourceRegionId.blockId]?.[INPUT.sourceRegionId.actionId]?.selected_option,
    ).toMatchObject({ value: 'cn-hangzhou' });
    expect(
      values[INPUT.sourceSnapshotId.blockId]?.[INPUT.sourceSnapshotId.actionId]?.selected_option,
    ).toMatchObject({ value: 's-bp1db01data00000001' });
    const text = JSON.stringify(modal.view.blocks);
    expect(text).toContain('320 GiB');
    expect(text).toContain('encrypted');
  });

  it('searches snapshots of the chosen source region for the picker', async () => {
    const viewId = await harness.fillRequest({ sourceRegionId: 'cn-hangzhou' });
    const all = await harness.slack.driver.suggestOptions({
      userId: ids.requester,
      viewId,
      actionId: INPUT.sourceSnapshotId.actionId,
      query: '',
    });
    expect(all.options.length).toBeGreaterThan(3);
    expect(all.options.length).toBeLessThanOrEqual(100);
    const web = await harness.slack.driver.suggestOptions({
      userId: ids.requester,
      viewId,
      actionId: INPUT.sourceSnapshotId.actionId,
      query: 'web-01',
    });
    expect(web.options.map((o) => o.value).sort()).toEqual([
      's-bp1web01sys00000001',
      's-bp1web01sys00000002',
    ]);
  });

  it('keeps up when two picks race: the later render wins and nothing fails', async () => {
    const viewId = await harness.fillRequest({ sourceRegionId: 'cn-hangzhou' });
    const failuresBefore = harness.logLines.filter((line) => line.includes('listener failed')).length;
    await Promise.all([
      harness.slack.driver.selectInView({
        userId: ids.requester,
        viewId,
        actionId: INPUT.destinationRegionId.actionId,
        value: 'cn-shanghai',
      }),
      harness.slack.driver.selectInView({
        userId: ids.requester,
        viewId,
        actionId: INPUT.copyType.actionId,
        value: 'copyAndEncrypt',
      }),
    ]);
    const updated = await harness.slack.waitFor(() => {
      const view = harness.slack.state.view(viewId)!.view;
      return JSON.stringify(view.blocks).includes('cmk:key-uf6drbackup0000001') ? view : undefined;
    });
    expect(
      updated.state.values[INPUT.destinationRegionId.blockId]?.[INPUT.destinationRegionId.actionId]
        ?.selected_option,
    ).toMatchObject({ value: 'cn-shanghai' });
    expect(harness.logLines.filter((line) => line.includes('listener failed')).length).toBe(failuresBefore);
  });

  it("posts the card in the requester's DM when the bot is not in the channel", async () => {
    const { request } = await harness.request(crossRegion, { channelId: ids.randomChannel });
    const requestId = request!.requestId;
    const dm = await harness.slack.waitFor(() =>
      harness.slack.state
        .conversations()
        .filter((c) => c.id.startsWith('D') && c.members.includes(ids.requester))
        .find((c) => harness.botMessages(c.id).some((m) => JSON.stringify(m).includes(requestId))),
    );
    expect(dm.id.startsWith('D')).toBe(true);
    expect(harness.botMessages(ids.randomChannel)).toEqual([]);
  });
});

describe('the App Home', () => {
  it("shows a user's requests, and lets an approver approve from it", async () => {
    const { request } = await harness.request({ ...crossRegion, destinationRegionId: 'cn-shanghai' });
    const requestId = request!.requestId;
    await harness.waitForStatus(requestId, 'awaitingApproval');

    await harness.slack.driver.openHome(ids.requester);
    const home = await harness.slack.waitFor(() => {
      const view = harness.slack.state.home(ids.requester);
      return view && JSON.stringify(view.view.blocks).includes(requestId) ? view : undefined;
    });
    expect(JSON.stringify(home.view.blocks)).not.toContain(APPROVE_ACTION_ID);

    await harness.slack.driver.openHome(ids.approver);
    const approverHome = await harness.slack.waitFor(() => {
      const view = harness.slack.state.home(ids.approver);
      return view && JSON.stringify(view.view.blocks).includes(requestId) ? view : undefined;
    });
    expect(JSON.stringify(approverHome.view.blocks)).toContain('Waiting for your approval');
    await harness.slack.driver.clickViewAction({
      userId: ids.approver,
      viewId: approverHome.view.id,
      actionId: APPROVE_ACTION_ID,
      value: requestId,
    });
    const approved = await harness.waitForStatus(requestId, 'copying', 'inProgress', 'done');
    expect(approved.approval.decidedBy).toBe(ids.approver);
    await harness.slack.waitFor(
      () =>
        !JSON.stringify(harness.slack.state.home(ids.approver)!.view.blocks).includes(
          `"value":"${requestId}"`,
        ),
    );
  });
});

describe('the HTTP endpoint', () => {
  it('answers the health check', async () => {
    const response = await fetch(harness.running.eventsUrl!.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('asked Slack who the bot is once, for all the requests above', () => {
    expect(harness.slack.calls.to('auth.test')).toHaveLength(1);
  });
});
