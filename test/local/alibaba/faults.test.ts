import * as $Ecs from '@alicloud/ecs20140526';
import * as $Kms from '@alicloud/kms20160120';
import { RetryCondition, RetryOptions } from '@darabonba/typescript';
import { describe, expect, it } from 'vitest';
import { ecsClient, kmsClient, rejectionOf } from './support/sdk-clients.ts';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn({ fresh: 'each' });
const describeSnapshots = new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-hangzhou' });
const describeKey = new $Kms.DescribeKeyRequest({ keyId: 'alias/app-data' });

describe('throttling', () => {
  it('reaches the ECS SDK as a ThrottlingError with the retry-after hint, for the given number of calls', async () => {
    standIn().faults.inject({ action: 'DescribeSnapshots', kind: 'throttle', times: 1, retryAfterMs: 1500 });
    const ecs = ecsClient(standIn());
    const error = await rejectionOf(ecs.describeSnapshots(describeSnapshots));
    expect(error).toMatchObject({
      name: 'ThrottlingError',
      code: 'Throttling.User',
      statusCode: 400,
      retryAfter: 1500,
    });
    await expect(ecs.describeSnapshots(describeSnapshots)).resolves.toMatchObject({ statusCode: 200 });
    expect(
      standIn()
        .calls.callsTo('DescribeSnapshots')
        .map((call) => call.status),
    ).toEqual([400, 200]);
  });

  it('is retried by the ECS SDK when retryOptions allow it, each retry signed and logged', async () => {
    standIn().faults.inject({ action: 'DescribeSnapshots', kind: 'throttle', times: 2 });
    const retryOptions = new RetryOptions({
      retryable: true,
      retryCondition: [
        new RetryCondition({
          maxAttempts: 3,
          exception: ['ThrottlingError'],
          errorCode: ['Throttling.User'],
          backoff: { policy: 'Fixed', period: 10 },
        }),
      ],
    });
    const { statusCode } = await ecsClient(standIn(), { retryOptions }).describeSnapshots(describeSnapshots);
    expect(statusCode).toBe(200);
    expect(standIn().calls.count('DescribeSnapshots')).toBe(3);
  });

  it('reaches the KMS SDK as code ThrottlingError', async () => {
    standIn().faults.inject({ product: 'kms', kind: 'throttle', times: 1 });
    const error = await rejectionOf(kmsClient(standIn()).describeKey(describeKey));
    expect(error.code).toBe('ThrottlingError');
    expect(error.data).toMatchObject({ Code: 'Throttling' });
  });
});

describe('server errors', () => {
  it('reach the ECS SDK as ServerError 500 InternalError, or 503 ServiceUnavailable', async () => {
    standIn().faults.inject({ kind: 'serverError', times: 1 });
    standIn().faults.inject({ kind: 'serverError', status: 503, times: 1 });
    const ecs = ecsClient(standIn());
    expect(await rejectionOf(ecs.describeSnapshots(describeSnapshots))).toMatchObject({
      name: 'ServerError',
      code: 'InternalError',
      statusCode: 500,
    });
    expect(await rejectionOf(ecs.describeSnapshots(describeSnapshots))).toMatchObject({
      name: 'ServerError',
      code: 'ServiceUnavailable',
      statusCode: 503,
    });
    await expect(ecs.describeSnapshots(describeSnapshots)).resolves.toMatchObject({ statusCode: 200 });
  });

  it('reach the KMS SDK with the KMS codes', async () => {
    standIn().faults.inject({ product: 'kms', kind: 'serverError', times: 1 });
    const error = await rejectionOf(kmsClient(standIn()).describeKey(describeKey));
    expect(error.code).toBe('InternalFailureError');
    expect(error.message).toContain('code: 500');
  });

  it('hit only the product and action they name', async () => {
    standIn().faults.inject({ product: 'kms', action: 'ListKeys', kind: 'serverError' });
    standIn().faults.inject({ kind: 'serverError', times: 0 });
    await expect(ecsClient(standIn()).describeSnapshots(describeSnapshots)).resolves.toMatchObject({
      statusCode: 200,
    });
    await expect(kmsClient(standIn()).describeKey(describeKey)).resolves.toBeDefined();
    const kms = kmsClient(standIn());
    for (let i = 0; i < 3; i += 1) {
      expect((await rejectionOf(kms.listKeys(new $Kms.ListKeysRequest({})))).code).toBe(
        'InternalFailureError',
      );
    }
    standIn().faults.clear();
    expect(standIn().faults.pending()).toEqual([]);
    await expect(kms.listKeys(new $Kms.ListKeysRequest({}))).resolves.toBeDefined();
  });
});

describe('slow and lost replies', () => {
  it('a delayed reply beyond the client’s read timeout becomes the SDK’s timeout error', async () => {
    standIn().faults.inject({ action: 'DescribeSnapshots', kind: 'delay', delayMs: 3000, times: 1 });
    const ecs = ecsClient(standIn(), { readTimeout: 200, connectTimeout: 200 });
    const error = await rejectionOf(ecs.describeSnapshots(describeSnapshots));
    expect(error.name).toBe('RequestTimeoutError');
  });

  it('a delayed reply within the timeout still arrives', async () => {
    standIn().faults.inject({ action: 'DescribeRegions', kind: 'delay', delayMs: 50, times: 1 });
    const reply = await ecsClient(standIn()).describeRegions(new $Ecs.DescribeRegionsRequest({}));
    expect(reply.statusCode).toBe(200);
  });

  it('a dropped connection fails the call without an API error, and the next call works', async () => {
    standIn().faults.inject({ action: 'DescribeSnapshots', kind: 'drop', times: 1 });
    const ecs = ecsClient(standIn());
    const error = await rejectionOf(ecs.describeSnapshots(describeSnapshots));
    expect(error.statusCode).toBeUndefined();
    expect(error.code).toMatch(/ECONNRESET|socket hang up/i);
    await expect(ecs.describeSnapshots(describeSnapshots)).resolves.toMatchObject({ statusCode: 200 });
    expect(standIn().calls.callsTo('DescribeSnapshots')[0]?.status).toBeUndefined();
  });
});

describe('the call log', () => {
  it('records product, action, decoded parameters and simulated time of every authenticated call', async () => {
    const { clock, calls } = standIn();
    clock.advance(5000);
    await ecsClient(standIn()).describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-shanghai', snapshotIds: '["s-1","s 2"]' }),
    );
    await kmsClient(standIn()).describeKey(describeKey);
    await rejectionOf(
      ecsClient(standIn(), { accessKeySecret: 'wrong' }).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    );
    expect(calls.all().map((call) => [call.product, call.action])).toEqual([
      ['ecs', 'DescribeSnapshots'],
      ['kms', 'DescribeKey'],
    ]);
    const [describe] = calls.callsTo('DescribeSnapshots', 'ecs');
    expect(describe?.params).toMatchObject({ RegionId: 'cn-shanghai', SnapshotIds: '["s-1","s 2"]' });
    expect(describe?.at).toBeGreaterThanOrEqual(clock.now() - 1);
    expect(calls.count('DescribeKey', 'ecs')).toBe(0);
    calls.clear();
    expect(calls.all()).toEqual([]);
  });
});
