/**
 * The whole bot in Socket Mode against the Slack stand-in: Bolt's own SocketModeReceiver opens
 * its connection with the app token, every person's action reaches the bot as an envelope, and
 * the flow holds when the connection drops midway and when two replicas each hold a connection.
 * Bolt waits its client ping timeout (5 s) before each reconnect, hence the longer timeouts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SocketModeControl } from '../../src/local/slack/index.ts';
import { APPROVE_ACTION_ID, blocksText, Harness, ids } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const RECONNECT_WAIT = { timeoutMs: 20_000 };

const sameRegionCopy = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'cn-shanghai',
  copyType: 'copy' as const,
};

function socketMode(running: Harness): SocketModeControl {
  if (!running.slack.socketMode) throw new Error('the harness was started in HTTP mode');
  return running.slack.socketMode;
}

/** Submits the request modal and waits for the approval card the approvers click. */
async function requestAwaitingApproval(running: Harness) {
  const { submission, request } = await running.request(sameRegionCopy);
  expect(submission.outcome).toBe('closed');
  const requestId = request!.requestId;
  const approval = await running.message(ids.approvalsChannel, requestId, (m) =>
    blocksText(m).includes(APPROVE_ACTION_ID),
  );
  return { requestId, approval };
}

async function approveAndFinish(running: Harness, requestId: string, approvalTs: string) {
  const click = await running.slack.driver.clickButton({
    userId: ids.approver,
    channelId: ids.approvalsChannel,
    messageTs: approvalTs,
    actionId: APPROVE_ACTION_ID,
  });
  expect(click.status).toBe(200);
  return running.waitForStatus(requestId, 'done');
}

describe('the bot in Socket Mode', () => {
  it('runs a whole copy with approval over its Socket Mode connection', async () => {
    harness = await Harness.start({ socketMode: true });
    expect(harness.running.eventsUrl).toBeUndefined();
    expect(socketMode(harness).connectionCount()).toBe(1);
    const { requestId, approval } = await requestAwaitingApproval(harness);
    const done = await approveAndFinish(harness, requestId, approval.ts);
    expect(harness.cloud.world.snapshot(done.copy!.snapshotId!)).toMatchObject({ regionId: 'cn-shanghai' });
    const types = new Set(
      socketMode(harness)
        .envelopes()
        .map((send) => send.type),
    );
    expect(types).toEqual(new Set(['slash_commands', 'interactive']));
    expect(harness.logLines.join('\n')).not.toContain('xapp-');
  });

  it('finishes the flow when the connection drops between submission and approval', async () => {
    harness = await Harness.start({ socketMode: true });
    const control = socketMode(harness);
    const { requestId, approval } = await requestAwaitingApproval(harness);
    const opened = harness.slack.calls.to('apps.connections.open').length;
    control.dropConnections();
    await harness.slack.waitFor(
      () =>
        harness!.slack.calls.to('apps.connections.open').length > opened && control.connectionCount() === 1,
      { ...RECONNECT_WAIT, description: 'the bot to reconnect' },
    );
    await approveAndFinish(harness, requestId, approval.ts);
  }, 40_000);

  it('serves /healthz and /metrics on its own port', async () => {
    harness = await Harness.start({ socketMode: true });
    const base = `http://127.0.0.1:${harness.running.port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('snapcopy_');
  });
});

describe('two replicas in Socket Mode, each with its own connection', () => {
  it('handles each person action exactly once, spread over both connections', async () => {
    harness = await Harness.start({ socketMode: true, replicas: 2 });
    const control = socketMode(harness);
    expect(control.connectionCount()).toBe(2);
    const { requestId, approval } = await requestAwaitingApproval(harness);
    const done = await approveAndFinish(harness, requestId, approval.ts);
    expect(done.approval.decidedBy).toBe(ids.approver);

    const sends = control.envelopes();
    expect(new Set(sends.map((send) => send.connectionId)).size).toBe(2);
    expect(sends.every((send) => send.retryAttempt === 0)).toBe(true);
    expect(new Set(sends.map((send) => send.envelopeId)).size).toBe(sends.length);
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(1);
    await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes('Approved by <@U0APPROVER1>'),
    );
    const about = harness
      .botMessages(ids.approvalsChannel)
      .filter((m) => JSON.stringify(m).includes(requestId));
    expect(about).toHaveLength(1);
  }, 40_000);
});
