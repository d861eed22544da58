import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CloudGateway, CopySnapshotCall } from '../../../src/cloud/cloud-gateway.ts';
import type { AlibabaStandIn, FaultRule } from '../../../src/local/alibaba/index.ts';
import { startStandInGateway, TEST_RETRY } from './stand-in-gateway.ts';

let standIn: AlibabaStandIn;
let gateway: CloudGateway;
let logLines: string[];

/** Short enough that a held-back reply times out quickly, long enough for an ordinary reply. */
const READ_TIMEOUT_MS = 1_000;
const HELD_BACK_MS = 2_500;

beforeAll(async () => {
  ({ standIn, gateway, logLines } = await startStandInGateway({ readTimeoutMs: READ_TIMEOUT_MS }));
});

afterEach(() => {
  standIn.faults.clear();
});

afterAll(async () => {
  await standIn.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one gateway call and returns its outcome with the requests the stand-in saw for it. */
async function newCallsTo<T>(action: string, run: () => Promise<T>) {
  const before = standIn.calls.count(action);
  const outcome: { result?: T; error?: unknown } = await run().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, calls: standIn.calls.callsTo(action).slice(before) };
}

describe('throttling', () => {
  it('retries ECS throttling and succeeds once it stops', async () => {
    standIn.faults.inject({ action: 'DescribeSnapshots', kind: 'throttle', times: 2 });
    const { result, calls } = await newCallsTo('DescribeSnapshots', () =>
      gateway.describeSnapshots('cn-hangzhou', ['s-bp1web01sys00000001']),
    );
    expect(calls).toHaveLength(3);
    expect(result).toHaveLength(1);
  });

  it('gives up after the bound with the last CloudError, retryable', async () => {
    standIn.faults.inject({ action: 'DescribeSnapshots', kind: 'throttle' });
    const { error, calls } = await newCallsTo('DescribeSnapshots', () =>
      gateway.describeSnapshots('cn-hangzhou', ['s-bp1web01sys00000001']),
    );
    expect(calls).toHaveLength(TEST_RETRY.maxAttempts);
    expect(error).toMatchObject({
      name: 'CloudError',
      action: 'DescribeSnapshots',
      code: 'Throttling.User',
      httpStatus: 400,
      retryable: true,
    });
    expect((error as { requestId?: string }).requestId).toBeTruthy();
  });

  it('retries KMS throttling, which the KMS SDK itself never does', async () => {
    standIn.faults.inject({ action: 'DescribeKey', product: 'kms', kind: 'throttle', times: 1 });
    const { result, calls } = await newCallsTo('DescribeKey', () =>
      gateway.describeKey('cn-hangzhou', 'alias/prod-db'),
    );
    expect(calls).toHaveLength(2);
    expect(result).toMatchObject({ keyId: 'key-hzz62b7app0data0001' });
  });

  it("waits at least the server's x-acs-retry-after", async () => {
    standIn.faults.inject({ action: 'DescribeRegions', kind: 'throttle', times: 1, retryAfterMs: 15 });
    logLines.length = 0;
    await gateway.listRegions();
    const retry = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry['message'] === 'cloud call retrying');
    expect(retry).toMatchObject({ action: 'DescribeRegions', code: 'Throttling.User' });
    expect(retry?.['delayMs']).toBeGreaterThanOrEqual(15);
  });
});

describe('server and transport failures', () => {
  it.each<[string, FaultRule, () => Promise<unknown>]>([
    [
      'ECS 500',
      { action: 'DescribeDisks', product: 'ecs', kind: 'serverError', status: 500, times: 1 },
      () => gateway.describeDisk('cn-hangzhou', 'd-bp1web01system00001'),
    ],
    [
      'KMS 503',
      { action: 'ListKeys', product: 'kms', kind: 'serverError', status: 503, times: 1 },
      () => gateway.listKeys('cn-shanghai'),
    ],
  ])('retries a %s', async (_case, fault, run) => {
    standIn.faults.inject(fault);
    const { result, calls } = await newCallsTo(fault.action ?? '', run);
    expect(calls).toHaveLength(2);
    expect(result).toBeTruthy();
  });

  it('surfaces a 5xx that persists as a retryable CloudError', async () => {
    standIn.faults.inject({ action: 'DescribeDisks', kind: 'serverError' });
    const { error, calls } = await newCallsTo('DescribeDisks', () =>
      gateway.describeDisk('cn-hangzhou', 'd-bp1web01system00001'),
    );
    expect(calls).toHaveLength(TEST_RETRY.maxAttempts);
    expect(error).toMatchObject({ code: 'InternalError', httpStatus: 500, retryable: true });
  });

  it('retries a dropped connection', async () => {
    standIn.faults.inject({ action: 'DescribeRegions', kind: 'drop', times: 1 });
    const { result, calls } = await newCallsTo('DescribeRegions', () => gateway.listRegions());
    expect(calls).toHaveLength(2);
    expect(result).not.toEqual([]);
  });

  it('turns a reply held back beyond the read timeout into a retryable CloudError', async () => {
    standIn.faults.inject({ action: 'DescribeRegions', kind: 'delay', delayMs: HELD_BACK_MS });
    // Earlier calls left a keep-alive connection behind, the case where the SDKs lose their read timer.
    const { error, calls } = await newCallsTo('DescribeRegions', () => gateway.listRegions());
    expect(calls).toHaveLength(TEST_RETRY.maxAttempts);
    expect(error).toMatchObject({ name: 'CloudError', code: 'RequestTimeout', retryable: true });
  });
});

describe('retries that change things', () => {
  const call: CopySnapshotCall = {
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId: 's-bp1web01sys00000002',
    destinationRegionId: 'ap-southeast-1',
    name: 'web-01-retried',
    description: 'Copy whose first reply is lost',
    encrypted: false,
    tags: [{ key: 'snapcopy:request-id', value: 'req-retry' }],
    clientToken: 'snapcopy-req-retry',
  };

  it('retries CopySnapshot with the same ClientToken and makes one copy', async () => {
    const copiesBefore = standIn.world.snapshotsIn('ap-southeast-1').length;
    // The first attempt is answered too late: the stand-in still makes the copy, the caller never hears.
    standIn.faults.inject({ action: 'CopySnapshot', kind: 'delay', delayMs: HELD_BACK_MS, times: 1 });
    const { result, calls } = await newCallsTo('CopySnapshot', () => gateway.copySnapshot(call));
    await sleep(HELD_BACK_MS);

    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((sent) => sent.params['ClientToken']))).toEqual(new Set([call.clientToken]));
    const copies = standIn.world.snapshotsIn('ap-southeast-1');
    expect(copies).toHaveLength(copiesBefore + 1);
    expect(copies.map((copy) => copy.snapshotId)).toContain(result?.snapshotId);
    // A restart sending the same call again gets the same copy back.
    await expect(gateway.copySnapshot(call)).resolves.toMatchObject({
      snapshotId: result?.snapshotId,
    });
  });

  it('retries DeleteSnapshot safely: a lost reply ends as deleted, not as an error', async () => {
    standIn.faults.inject({ action: 'DeleteSnapshot', kind: 'delay', delayMs: HELD_BACK_MS, times: 1 });
    const { result } = await newCallsTo('DeleteSnapshot', () =>
      gateway.deleteSnapshot('cn-shanghai', 's-uf6analytics0000001'),
    );
    expect(result).toMatchObject({ requestId: expect.any(String) });
    expect(standIn.world.snapshot('s-uf6analytics0000001')).toBeUndefined();
  });
});
