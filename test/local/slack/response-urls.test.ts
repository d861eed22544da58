import { describe, expect, it } from 'vitest';
import { ids, useSampleApp } from './harness.ts';

const sample = useSampleApp();

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('response_url', () => {
  it('posts ephemerally by default, in the channel on request, and in a thread with thread_ts', async () => {
    const { responseUrl } = await sample.standIn.driver.slashCommand({
      userId: ids.approver,
      channelId: ids.opsChannel,
      text: 'noop',
    });
    await post(responseUrl!, { text: 'only for you' });
    const shared = await post(responseUrl!, { text: 'for everyone', response_type: 'in_channel' });
    const parent = sample.standIn.state.messages(ids.opsChannel).at(-1)!;
    await post(responseUrl!, { text: 'in the thread', response_type: 'in_channel', thread_ts: parent.ts });

    expect(shared.status).toBe(200);
    expect(sample.standIn.state.ephemerals(ids.approver).at(-1)).toMatchObject({
      text: 'only for you',
      channel: ids.opsChannel,
    });
    expect(parent.text).toBe('for everyone');
    expect(sample.standIn.state.thread(ids.opsChannel, parent.ts).map((message) => message.text)).toEqual([
      'for everyone',
      'in the thread',
    ]);
  });

  it('works five times, then answers 404 like an expired URL', async () => {
    const { responseUrl } = await sample.standIn.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'noop',
    });
    const statuses: number[] = [];
    for (let use = 1; use <= 6; use += 1)
      statuses.push((await post(responseUrl!, { text: `reply ${use}` })).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect((await post(`${sample.standIn.url}/response/unknown`, { text: 'x' })).status).toBe(404);
  });
});
