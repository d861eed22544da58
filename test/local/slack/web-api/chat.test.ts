import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../../src/local/slack/index.ts';
import { expectSlackError, ids, startWithClient, type webClient } from '../harness.ts';

let standIn: SlackStandIn;
let client: ReturnType<typeof webClient>;

beforeEach(async () => {
  ({ standIn, client } = await startWithClient());
});
afterEach(() => standIn.close());

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('chat.postMessage', () => {
  it('stores the bot message with blocks and metadata, with unique increasing ts', async () => {
    const first = await client.chat.postMessage({
      channel: ids.opsChannel,
      text: 'Copy requested',
      blocks: [section('*Copy requested*')],
      metadata: { event_type: 'snapcopy_notification', event_payload: { notification_id: 'r1:card' } },
    });
    const second = await client.chat.postMessage({ channel: ids.opsChannel, text: 'second' });

    expect(first.channel).toBe(ids.opsChannel);
    expect(first.message).toMatchObject({ text: 'Copy requested', user: ids.botUser, bot_id: ids.bot });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const stored = standIn.state.messages(ids.opsChannel);
    expect(stored.map((message) => message.ts)).toEqual([first.ts, second.ts]);
    expect(stored[0]?.blocks?.[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
    expect(stored[0]?.metadata?.event_payload).toEqual({ notification_id: 'r1:card' });
  });

  it('threads replies under their parent and counts them', async () => {
    const parent = await client.chat.postMessage({ channel: ids.opsChannel, text: 'card' });
    const reply = await client.chat.postMessage({
      channel: ids.opsChannel,
      text: 'progress',
      thread_ts: parent.ts!,
    });
    // A reply to a reply lands in the same thread.
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'done', thread_ts: reply.ts! });

    const thread = standIn.state.thread(ids.opsChannel, parent.ts!);
    expect(thread.map((message) => message.text)).toEqual(['card', 'progress', 'done']);
    expect(thread[0]).toMatchObject({ reply_count: 2, thread_ts: parent.ts });
    expect(thread[2]).toMatchObject({ thread_ts: parent.ts, parent_user_id: ids.botUser });
    expect(standIn.state.messages(ids.opsChannel).map((message) => message.text)).toEqual(['card']);
    await expectSlackError(
      client.chat.postMessage({ channel: ids.opsChannel, text: 'x', thread_ts: '1.000001' }),
      'thread_not_found',
    );
  });

  it('posts to a user ID in the bot DM with that user', async () => {
    const posted = await client.chat.postMessage({ channel: ids.requester, text: 'your copy is done' });
    const opened = await client.conversations.open({ users: ids.requester });

    expect(posted.channel).toMatch(/^D/);
    expect(opened.channel?.id).toBe(posted.channel);
    expect(standIn.state.messages(posted.channel!)[0]?.text).toBe('your copy is done');
  });

  it('refuses channels the bot has not joined or that do not exist', async () => {
    await expectSlackError(
      client.chat.postMessage({ channel: ids.randomChannel, text: 'x' }),
      'not_in_channel',
    );
    await expectSlackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }), 'channel_not_found');
    expect(standIn.state.messages(ids.randomChannel)).toEqual([]);
  });

  it('enforces Block Kit limits and explains them like Slack', async () => {
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    const invalid = await expectSlackError(
      client.chat.postMessage({ channel: ids.opsChannel, text: 'x', blocks: [header] }),
      'invalid_blocks',
    );
    expect(invalid.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expectSlackError(
      client.chat.postMessage({ channel: ids.opsChannel, text: 'x', blocks: tooMany }),
      'invalid_blocks',
    );
    const button = {
      type: 'button' as const,
      action_id: 'a',
      text: { type: 'plain_text' as const, text: 'b'.repeat(76) },
    };
    await expectSlackError(
      client.chat.postMessage({
        channel: ids.opsChannel,
        text: 'x',
        blocks: [{ type: 'actions', elements: [button] }],
      }),
      'invalid_blocks',
    );
    await expectSlackError(
      client.chat.postMessage({ channel: ids.opsChannel, text: 'x'.repeat(40_001) }),
      'msg_too_long',
    );
    await expectSlackError(client.chat.postMessage({ channel: ids.opsChannel, text: '' }), 'no_text');
    expect(standIn.state.messages(ids.opsChannel)).toEqual([]);
  });
});

describe('chat.update', () => {
  it('changes text, keeps blocks unless new ones are given, and marks the edit', async () => {
    const posted = await client.chat.postMessage({
      channel: ids.opsChannel,
      text: 'v1',
      blocks: [section('one')],
    });
    await client.chat.update({ channel: ids.opsChannel, ts: posted.ts!, text: 'v2' });
    expect(standIn.state.messages(ids.opsChannel)[0]).toMatchObject({
      text: 'v2',
      blocks: [{ text: { text: 'one' } }],
    });

    const updated = await client.chat.update({
      channel: ids.opsChannel,
      ts: posted.ts!,
      text: 'v3',
      blocks: [section('three')],
    });
    expect(updated).toMatchObject({ channel: ids.opsChannel, ts: posted.ts, text: 'v3' });
    expect(standIn.state.messages(ids.opsChannel)[0]).toMatchObject({
      text: 'v3',
      blocks: [{ text: { text: 'three' } }],
      edited: { user: ids.botUser },
    });
  });

  it('refuses unknown messages and messages the bot did not write', async () => {
    await expectSlackError(
      client.chat.update({ channel: ids.opsChannel, ts: '1700000000.000001', text: 'x' }),
      'message_not_found',
    );
    const human = standIn.driver.postUserMessage({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'hello',
    });
    await expectSlackError(
      client.chat.update({ channel: ids.opsChannel, ts: human.ts, text: 'x' }),
      'cant_update_message',
    );
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('hello');
  });
});

describe('chat.postEphemeral and chat.delete', () => {
  it('shows an ephemeral message to one member only', async () => {
    const sent = await client.chat.postEphemeral({
      channel: ids.opsChannel,
      user: ids.bystander,
      text: 'not allowed',
    });

    expect(standIn.state.ephemerals(ids.bystander)).toEqual([
      expect.objectContaining({ ts: sent.message_ts, channel: ids.opsChannel, text: 'not allowed' }),
    ]);
    expect(standIn.state.ephemerals(ids.requester)).toEqual([]);
    expect(standIn.state.messages(ids.opsChannel)).toEqual([]);
  });

  it('refuses an ephemeral for someone outside the channel', async () => {
    const { standIn: narrow, client: narrowClient } = await startWithClient({
      world: { channels: [{ id: 'C0SMALL', name: 'small', members: [ids.requester, ids.botUser] }] },
    });
    try {
      await expectSlackError(
        narrowClient.chat.postEphemeral({ channel: 'C0SMALL', user: ids.bystander, text: 'x' }),
        'user_not_in_channel',
      );
    } finally {
      await narrow.close();
    }
  });

  it('deletes the bot message', async () => {
    const posted = await client.chat.postMessage({ channel: ids.opsChannel, text: 'gone soon' });
    await client.chat.delete({ channel: ids.opsChannel, ts: posted.ts! });
    expect(standIn.state.messages(ids.opsChannel)).toEqual([]);
    await expectSlackError(
      client.chat.delete({ channel: ids.opsChannel, ts: posted.ts! }),
      'message_not_found',
    );
  });
});
