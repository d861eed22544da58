import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackChange, SlackStandIn } from '../../../src/local/slack/index.ts';
import { ids, startWithClient, type webClient } from './harness.ts';

let standIn: SlackStandIn;
let client: ReturnType<typeof webClient>;

beforeEach(async () => {
  ({ standIn, client } = await startWithClient());
});
afterEach(() => standIn.close());

describe('change events', () => {
  it('announces posts, updates and ephemerals to listeners until they unsubscribe', async () => {
    const changes: SlackChange[] = [];
    const unsubscribe = standIn.onChange((change) => changes.push(change));

    const posted = await client.chat.postMessage({ channel: ids.opsChannel, text: 'v1' });
    await client.chat.update({ channel: ids.opsChannel, ts: posted.ts!, text: 'v2' });
    await client.chat.postEphemeral({ channel: ids.opsChannel, user: ids.requester, text: 'psst' });
    unsubscribe();
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'unheard' });

    expect(changes.map((change) => change.type)).toEqual([
      'message_posted',
      'message_updated',
      'ephemeral_posted',
    ]);
    expect(changes[1]).toMatchObject({ channelId: ids.opsChannel, message: { ts: posted.ts, text: 'v2' } });
    expect(changes[2]).toMatchObject({ userId: ids.requester, message: { text: 'psst' } });
  });

  it('waitFor resolves with the first truthy probe result, or fails naming what it waited for', async () => {
    const waiting = standIn.waitFor(() =>
      standIn.state.messages(ids.opsChannel).find((message) => message.text === 'later'),
    );
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'sooner' });
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'later' });
    expect((await waiting).text).toBe('later');

    await expect(standIn.waitFor(() => false, { timeoutMs: 50, description: 'nothing' })).rejects.toThrow(
      'waitFor timed out after 50 ms for nothing',
    );
  });

  it('hands out copies, so callers cannot change the stand-in state', async () => {
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'original' });
    const [message] = standIn.state.messages(ids.opsChannel);
    message!.text = 'tampered';
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('original');
  });
});
