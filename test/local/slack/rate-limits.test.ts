import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../src/local/slack/index.ts';
import { ids, startWithClient, webClient } from './harness.ts';

let standIn: SlackStandIn;
afterEach(() => standIn.close());

/** The stand-in's clock, moved by hand: buckets refill only when the test says time passed. */
function manualClock() {
  let now = Date.UTC(2026, 11, 6, 9, 0, 0);
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

async function start(options: { rateLimits?: boolean } = {}) {
  const time = manualClock();
  ({ standIn } = await startWithClient({ clock: time.clock, ...options }));
  const client = webClient(standIn, { rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
  return { client, time };
}

async function refusal(call: Promise<unknown>): Promise<WebAPIRateLimitedError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WebAPIRateLimitedError);
  return error as WebAPIRateLimitedError;
}

describe("Slack's published rate limits in the stand-in", () => {
  it('lets a short burst into one channel, then answers 429 with Retry-After while other channels still post', async () => {
    const { client } = await start();
    for (let message = 0; message < 3; message++)
      await client.chat.postMessage({ channel: ids.opsChannel, text: `burst ${message}` });
    const refused = await refusal(client.chat.postMessage({ channel: ids.opsChannel, text: 'one too many' }));
    expect(refused.retryAfter).toBe(1);
    await client.chat.postMessage({ channel: ids.approvalsChannel, text: 'another channel' });
    expect(standIn.state.messages(ids.opsChannel)).toHaveLength(3);
    expect(standIn.calls.to('chat.postMessage').map((call) => call.status)).toEqual([
      200, 200, 200, 429, 200,
    ]);
  });

  it('refills at one message per second per channel', async () => {
    const { client, time } = await start();
    for (let message = 0; message < 3; message++)
      await client.chat.postMessage({ channel: ids.opsChannel, text: `burst ${message}` });
    time.advance(1_000);
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'a second later' });
    await refusal(client.chat.postMessage({ channel: ids.opsChannel, text: 'too soon again' }));
  });

  it('holds a Tier 3 method to its rate for the whole workspace, and says how long to wait', async () => {
    const { client, time } = await start();
    const posted = await client.chat.postMessage({ channel: ids.opsChannel, text: 'card' });
    const update = (text: string) => client.chat.update({ channel: ids.opsChannel, ts: posted.ts!, text });
    for (let call = 0; call < 8; call++) await update(`${call}%`);
    const refused = await refusal(update('too many'));
    // 50 a minute: the next token is 1.2 s away, which Slack rounds up to whole seconds.
    expect(refused.retryAfter).toBe(2);
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('7%');
    time.advance(1_200);
    await update('after the wait');
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('after the wait');
  });

  it('answers everything when switched off, and can be switched while running', async () => {
    const { client } = await start({ rateLimits: false });
    for (let message = 0; message < 10; message++)
      await client.chat.postMessage({ channel: ids.opsChannel, text: `${message}` });
    standIn.rateLimits.enabled = true;
    // The buckets start full when the limits come on.
    for (let message = 0; message < 3; message++)
      await client.chat.postMessage({ channel: ids.opsChannel, text: `on ${message}` });
    await refusal(client.chat.postMessage({ channel: ids.opsChannel, text: 'now limited' }));
  });
});
