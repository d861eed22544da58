import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../../src/local/slack/index.ts';
import { expectSlackError, ids, startWithClient, type webClient } from '../harness.ts';

let standIn: SlackStandIn;
let client: ReturnType<typeof webClient>;

beforeEach(async () => {
  ({ standIn, client } = await startWithClient());
});
afterEach(() => standIn.close());

const notification = (id: string) => ({
  event_type: 'snapcopy_notification',
  event_payload: { notification_id: id },
});

describe('conversations.history', () => {
  it('pages newest first with a cursor', async () => {
    for (const text of ['one', 'two', 'three'])
      await client.chat.postMessage({ channel: ids.opsChannel, text });

    const first = await client.conversations.history({ channel: ids.opsChannel, limit: 2 });
    expect(first.messages?.map((message) => message.text)).toEqual(['three', 'two']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({
      channel: ids.opsChannel,
      limit: 2,
      cursor: first.response_metadata!.next_cursor!,
    });
    expect(second.messages?.map((message) => message.text)).toEqual(['one']);
    expect(second.has_more).toBe(false);
  });

  it('returns metadata only with include_all_metadata', async () => {
    await client.chat.postMessage({
      channel: ids.opsChannel,
      text: 'card',
      metadata: notification('r1:card'),
    });

    const plain = await client.conversations.history({ channel: ids.opsChannel });
    const withMetadata = await client.conversations.history({
      channel: ids.opsChannel,
      include_all_metadata: true,
    });
    expect(plain.messages?.[0]?.metadata).toBeUndefined();
    expect(withMetadata.messages?.[0]?.metadata).toEqual(notification('r1:card'));
  });

  it('limits the window with oldest / latest', async () => {
    const one = await client.chat.postMessage({ channel: ids.opsChannel, text: 'one' });
    const two = await client.chat.postMessage({ channel: ids.opsChannel, text: 'two' });
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'three' });

    const after = await client.conversations.history({ channel: ids.opsChannel, oldest: one.ts! });
    expect(after.messages?.map((message) => message.text)).toEqual(['three', 'two']);
    const upTo = await client.conversations.history({
      channel: ids.opsChannel,
      latest: two.ts!,
      inclusive: true,
    });
    expect(upTo.messages?.map((message) => message.text)).toEqual(['two', 'one']);
  });

  it('refuses a channel the bot is not in', async () => {
    await expectSlackError(client.conversations.history({ channel: ids.randomChannel }), 'not_in_channel');
  });
});

describe('conversations.replies', () => {
  it('returns the parent then replies, oldest first, with metadata on request', async () => {
    const parent = await client.chat.postMessage({ channel: ids.opsChannel, text: 'card' });
    await client.chat.postMessage({
      channel: ids.opsChannel,
      text: 'result',
      thread_ts: parent.ts!,
      metadata: notification('r1:outcome'),
    });

    const replies = await client.conversations.replies({
      channel: ids.opsChannel,
      ts: parent.ts!,
      include_all_metadata: true,
    });
    expect(replies.messages?.map((message) => message.text)).toEqual(['card', 'result']);
    expect(replies.messages?.[1]?.metadata).toEqual(notification('r1:outcome'));
    await expectSlackError(
      client.conversations.replies({ channel: ids.opsChannel, ts: '1700000000.000001' }),
      'thread_not_found',
    );
  });
});

describe('conversations.open and conversations.info', () => {
  it('opens one DM per user and reports it as already open afterwards', async () => {
    const first = await client.conversations.open({ users: ids.approver });
    const again = await client.conversations.open({ users: ids.approver });

    expect(first.channel?.id).toMatch(/^D/);
    expect(first.already_open).toBeUndefined();
    expect(again).toMatchObject({ channel: { id: first.channel?.id }, already_open: true });
    await expectSlackError(client.conversations.open({ users: 'U0NOBODY' }), 'user_not_found');
    const info = await client.conversations.info({ channel: first.channel!.id! });
    expect(info.channel).toMatchObject({ is_im: true, user: ids.approver });
  });

  it('describes channels with the bot membership', async () => {
    const ops = await client.conversations.info({ channel: ids.opsChannel });
    const random = await client.conversations.info({ channel: ids.randomChannel });

    expect(ops.channel).toMatchObject({ id: ids.opsChannel, name: 'ops', is_channel: true, is_member: true });
    expect(random.channel).toMatchObject({ name: 'random', is_member: false });
    await expectSlackError(client.conversations.info({ channel: 'C0NOPE' }), 'channel_not_found');
  });
});
