import { beforeEach, describe, expect, it } from 'vitest';
import { ids, useSampleApp } from './harness.ts';

const sample = useSampleApp();
beforeEach(() => {
  sample.received.commands.length = 0;
});

describe('slash commands', () => {
  it('delivers a signed command and shows the ack text as an ephemeral message', async () => {
    const reply = await sample.standIn.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'help',
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe('Usage: /snapcopy [snapshot-id]');
    expect(sample.received.commands).toEqual(['help']);
    expect(sample.standIn.state.ephemerals(ids.requester).at(-1)).toMatchObject({
      channel: ids.opsChannel,
      text: 'Usage: /snapcopy [snapshot-id]',
    });
  });

  it('posts an in_channel ack to the channel for everyone', async () => {
    await sample.standIn.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'public',
    });
    expect(sample.standIn.state.messages(ids.opsChannel).at(-1)).toMatchObject({
      text: 'Shared with the channel',
      bot_id: ids.bot,
    });
  });

  it('serves the response_url: a reply, then a replacement of that reply', async () => {
    const before = sample.standIn.state.ephemerals(ids.approver).length;
    await sample.standIn.driver.slashCommand({
      userId: ids.approver,
      channelId: ids.opsChannel,
      text: 'later',
    });

    const replies = await sample.standIn.waitFor(() => {
      const mine = sample.standIn.state.ephemerals(ids.approver).slice(before);
      return mine.length === 1 && mine[0]?.text === 'Done' && mine;
    });
    expect(replies).toHaveLength(1);
  });

  it('opens the modal the app asks for with the command trigger', async () => {
    await sample.standIn.driver.slashCommand({ userId: ids.bystander, channelId: ids.opsChannel });
    const [modal] = await sample.standIn.waitFor(() => {
      const views = sample.standIn.state.openViews(ids.bystander);
      return views.length > 0 && views;
    });
    expect(modal?.view).toMatchObject({
      callback_id: 'copy_request',
      type: 'modal',
      title: { text: 'Snapcopy' },
    });
    expect(sample.standIn.calls.to('views.open').at(-1)).toMatchObject({ ok: true });
  });

  it('is refused by Bolt (401) when the signature is forged or the timestamp stale, and nothing happens', async () => {
    const ephemeralsBefore = sample.standIn.state.ephemerals(ids.requester).length;
    const forged = await sample.standIn.driver
      .withSigning('forgedSignature')
      .slashCommand({ userId: ids.requester, channelId: ids.opsChannel, text: 'help' });
    const stale = await sample.standIn.driver
      .withSigning('staleTimestamp')
      .slashCommand({ userId: ids.requester, channelId: ids.opsChannel, text: 'help' });

    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    expect(sample.received.commands).toEqual([]);
    expect(sample.standIn.state.ephemerals(ids.requester)).toHaveLength(ephemeralsBefore);
  });
});

describe('message buttons', () => {
  it('sends block_actions for the clicked button, and the app replaces the message through respond()', async () => {
    await sample.standIn.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'card',
    });
    const card = await sample.standIn.waitFor(() =>
      sample.standIn.state.messages(ids.opsChannel).find((message) => message.text === 'Approval needed'),
    );

    const reply = await sample.standIn.driver.clickButton({
      userId: ids.approver,
      channelId: ids.opsChannel,
      messageTs: card.ts,
      actionId: 'approve',
      value: 'req_2',
    });

    expect(reply.status).toBe(200);
    const replaced = await sample.standIn.waitFor(() => {
      const message = sample.standIn.state
        .messages(ids.opsChannel)
        .find((candidate) => candidate.ts === card.ts);
      return message?.text.includes('approved') && message;
    });
    expect(replaced.text).toBe(`req_2 approved by <@${ids.approver}>`);
    expect(replaced.blocks).toEqual([]);
  });

  it('clicks a button in an ephemeral message as Slack does (no message in the payload) and honours delete_original', async () => {
    await sample.standIn.driver.slashCommand({
      userId: ids.bystander,
      channelId: ids.opsChannel,
      text: 'private-card',
    });
    const card = sample.standIn.state
      .ephemerals(ids.bystander)
      .find((message) => message.text === 'Only you can see this');
    expect(card?.blocks).toHaveLength(2);

    await sample.standIn.driver.clickButton({
      userId: ids.bystander,
      channelId: ids.opsChannel,
      messageTs: card!.ts,
      actionId: 'dismiss',
    });

    await sample.standIn.waitFor(
      () => !sample.standIn.state.ephemerals(ids.bystander).some((message) => message.ts === card!.ts),
    );
    expect(sample.received.dismissedFrom.at(-1)).toEqual({
      type: 'message',
      message_ts: card!.ts,
      channel_id: ids.opsChannel,
      is_ephemeral: true,
    });
  });

  it('refuses to click what is not there', async () => {
    await expect(
      sample.standIn.driver.clickButton({
        userId: ids.approver,
        channelId: ids.opsChannel,
        messageTs: '1.000001',
        actionId: 'approve',
      }),
    ).rejects.toThrow(/no message/);
  });
});

describe('App Home', () => {
  it('sends app_home_opened; the app publishes the Home tab, whose buttons work', async () => {
    const reply = await sample.standIn.driver.openHome(ids.approver);

    expect(reply.status).toBe(200);
    const home = await sample.standIn.waitFor(() => sample.standIn.state.home(ids.approver));
    expect(sample.received.homeOpenedBy).toContain(ids.approver);
    expect(home.view.blocks[0]).toMatchObject({ text: { text: `Requests of <@${ids.approver}>` } });

    const click = await sample.standIn.driver.clickViewAction({
      userId: ids.approver,
      viewId: home.view.id,
      actionId: 'approve',
    });
    expect(click.status).toBe(200);
  });
});
