import { describe, expect, it } from 'vitest';
import { backoffDelayMs, createCloudCaller } from '../../../src/cloud/alibaba/retry.ts';
import { CloudError } from '../../../src/cloud/cloud-error.ts';
import { createLogger } from '../../../src/observability/logger.ts';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
const silent = createLogger('test', { write: () => {} });

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
}

function callerWithRecordedSleeps() {
  const sleeps: number[] = [];
  const call = createCloudCaller(policy, silent, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { call, sleeps };
}

describe('createCloudCaller', () => {
  it('repeats a retryable failure and returns the first success', async () => {
    const { call, sleeps } = callerWithRecordedSleeps();
    let attempts = 0;
    const result = await call('DescribeSnapshots', async () => {
      attempts++;
      if (attempts < 3) throw refused();
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('throws the last CloudError once the attempts are used up', async () => {
    const { call } = callerWithRecordedSleeps();
    let attempts = 0;
    const failure = call('CopySnapshot', async () => {
      attempts++;
      throw refused();
    });
    await expect(failure).rejects.toMatchObject({
      name: 'CloudError',
      code: 'ECONNREFUSED',
      retryable: true,
    });
    expect(attempts).toBe(policy.maxAttempts);
  });

  it('does not repeat a failure that cannot succeed later', async () => {
    const { call, sleeps } = callerWithRecordedSleeps();
    let attempts = 0;
    const notFound = Object.assign(new Error('Forbidden.KeyNotFoundError: code: 404, ...'), {
      code: 'Forbidden.KeyNotFoundError',
      data: { Code: 'Forbidden.KeyNotFound', RequestId: 'req-1' },
    });
    const failure = call('DescribeKey', async () => {
      attempts++;
      throw notFound;
    });
    await expect(failure).rejects.toBeInstanceOf(CloudError);
    expect(attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("waits at least the server's retry-after, but never longer than the cap", async () => {
    const { call, sleeps } = callerWithRecordedSleeps();
    const throttled = (retryAfter: number) =>
      Object.assign(new Error('Throttling.User'), {
        name: 'ThrottlingError',
        code: 'Throttling.User',
        statusCode: 400,
        retryAfter,
      });
    let attempts = 0;
    await call('DescribeSnapshots', async () => {
      attempts++;
      if (attempts === 1) throw throttled(700);
      if (attempts === 2) throw throttled(60_000);
      return 'ok';
    });
    expect(sleeps[0]).toBeGreaterThanOrEqual(700);
    expect(sleeps[1]).toBe(policy.maxDelayMs);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially with jitter and stays within the cap', () => {
    for (let retry = 1; retry <= 8; retry++) {
      const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
      const delay = backoffDelayMs(policy, retry);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });
});
