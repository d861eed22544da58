import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../src/local/slack/index.ts';
import { expectSlackError, ids, startWithClient, webClient } from './harness.ts';

let standIn: SlackStandIn;

beforeEach(async () => {
  ({ standIn } = await startWithClient());
});
afterEach(() => standIn.close());

describe('fault injection', () => {
  it('answers 429 with Retry-After, which WebClient turns into WebAPIRateLimitedError', async () => {
    const client = webClient(standIn, { rejectRateLimitedCalls: true });
    const posted = await client.chat.postMessage({ channel: ids.opsChannel, text: 'v1' });
    standIn.faults.inject({ method: 'chat.update', kind: 'ratelimited', retryAfterSeconds: 7 });

    const failure = await client.chat
      .update({ channel: ids.opsChannel, ts: posted.ts!, text: 'v2' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebAPIRateLimitedError);
    expect((failure as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('v1');

    // The fault was used up: the next call goes through.
    await client.chat.update({ channel: ids.opsChannel, ts: posted.ts!, text: 'v2' });
    expect(standIn.state.messages(ids.opsChannel)[0]?.text).toBe('v2');
    expect(standIn.calls.to('chat.update').map(({ status, ok }) => ({ status, ok }))).toEqual([
      { status: 429, ok: false },
      { status: 200, ok: true },
    ]);
  });

  it('answers an injected error the given number of times, only for that method', async () => {
    const client = webClient(standIn);
    standIn.faults.inject({ method: 'chat.postMessage', kind: 'error', error: 'fatal_error', times: 2 });

    await client.auth.test();
    await expectSlackError(client.chat.postMessage({ channel: ids.opsChannel, text: 'a' }), 'fatal_error');
    await expectSlackError(client.chat.postMessage({ channel: ids.opsChannel, text: 'b' }), 'fatal_error');
    await client.chat.postMessage({ channel: ids.opsChannel, text: 'c' });

    expect(standIn.state.messages(ids.opsChannel).map((message) => message.text)).toEqual(['c']);
    expect(standIn.faults.pending()).toEqual([]);
    expect(standIn.calls.to('chat.postMessage').map((call) => call.error ?? 'ok')).toEqual([
      'fatal_error',
      'fatal_error',
      'ok',
    ]);
  });

  it('keeps failing every method with times: Infinity until cleared', async () => {
    const client = webClient(standIn);
    standIn.faults.inject({
      method: '*',
      kind: 'error',
      error: 'service_unavailable',
      times: Number.POSITIVE_INFINITY,
    });

    await expectSlackError(client.auth.test(), 'service_unavailable');
    await expectSlackError(client.users.info({ user: ids.requester }), 'service_unavailable');
    standIn.faults.clear();
    await client.auth.test();
  });
});
