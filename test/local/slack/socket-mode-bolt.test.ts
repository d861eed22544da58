/**
 * Bolt's real SocketModeReceiver against the stand-in, unchanged: it opens its connection with
 * the app token through apps.connections.open, gets commands, interactions and events as
 * envelopes and acks them, and reconnects when the stand-in drops it or asks for a refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../../../src/local/slack/index.ts';
import { createLogger } from '../../../src/observability/logger.ts';
import { type BoltHarness, ids, startSocketModeBoltApp } from './harness.ts';
import { type Received, registerSampleApp } from './sample-app.ts';

let standIn: SlackStandIn;
let bolt: BoltHarness;
let received: Received;

beforeAll(async () => {
  standIn = await startSlackStandIn({
    socketMode: true,
    logger: createLogger('slack-stand-in', { level: 'error' }),
  });
  bolt = await startSocketModeBoltApp(standIn, (app) => {
    received = registerSampleApp(app);
  });
});
afterAll(async () => {
  await bolt.stop();
  await standIn.close();
});

const control = () => {
  if (!standIn.socketMode) throw new Error('the stand-in was started in HTTP mode');
  return standIn.socketMode;
};

const help = () =>
  standIn.driver.slashCommand({ userId: ids.requester, channelId: ids.opsChannel, text: 'help' });

describe('Bolt in Socket Mode', () => {
  it('connects with the app token', () => {
    expect(control().connectionCount()).toBe(1);
    expect(standIn.calls.to('apps.connections.open')).toMatchObject([{ ok: true }]);
  });

  it('acks a slash command with its reply', async () => {
    const reply = await help();
    expect(reply).toMatchObject({ status: 200, body: { text: 'Usage: /snapcopy [snapshot-id]' } });
    expect(standIn.state.ephemerals(ids.requester).at(-1)?.text).toBe('Usage: /snapcopy [snapshot-id]');
    expect(control().envelopes().at(-1)).toMatchObject({ type: 'slash_commands', retryAttempt: 0 });
  });

  it('acks a view submission with response_action errors, and a click whose respond() replaces the card', async () => {
    await standIn.driver.slashCommand({ userId: ids.approver, channelId: ids.opsChannel });
    const modal = await standIn.waitFor(() => standIn.state.openViews(ids.approver)[0]);
    const submission = await standIn.driver.submitView({ userId: ids.approver, viewId: modal.view.id });
    expect(submission.outcome).toBe('errors');
    expect(standIn.state.view(modal.view.id)?.errors).toEqual({ reason: 'Tell the approvers why' });

    await standIn.driver.slashCommand({ userId: ids.approver, channelId: ids.opsChannel, text: 'card' });
    const card = await standIn.waitFor(() =>
      standIn.state.messages(ids.opsChannel).find((message) => message.text === 'Approval needed'),
    );
    const click = await standIn.driver.clickButton({
      userId: ids.approver,
      channelId: ids.opsChannel,
      messageTs: card.ts,
      actionId: 'approve',
      value: 'req_2',
    });
    expect(click.status).toBe(200);
    await standIn.waitFor(() =>
      standIn.state.messages(ids.opsChannel).find((message) => message.text.startsWith('req_2 approved')),
    );
    expect(
      control()
        .envelopes()
        .map((send) => send.type),
    ).toContain('interactive');
  });

  it('acks an event before its listener runs', async () => {
    const reply = await standIn.driver.openHome(ids.bystander);
    expect(reply).toEqual({ status: 200, body: undefined });
    await standIn.waitFor(() => standIn.state.home(ids.bystander));
    expect(received.homeOpenedBy).toContain(ids.bystander);
  });

  it('reconnects after the stand-in drops the connection', async () => {
    control().dropConnections();
    await standIn.waitFor(() => control().connectionCount() === 0);
    await standIn.waitFor(() => control().connectionCount() === 1, { timeoutMs: 15_000 });
    expect(await help()).toMatchObject({ status: 200 });
  });

  it('reconnects when asked to refresh', async () => {
    const opened = standIn.calls.to('apps.connections.open').length;
    control().askToReconnect('refresh_requested');
    await standIn.waitFor(() => standIn.calls.to('apps.connections.open').length > opened, {
      timeoutMs: 15_000,
    });
    await standIn.waitFor(() => control().connectionCount() === 1, { timeoutMs: 15_000 });
    expect(await help()).toMatchObject({ status: 200 });
  });
});
