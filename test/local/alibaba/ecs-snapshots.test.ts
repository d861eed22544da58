import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { type EcsClientType, ecsClient } from './support/sdk-clients.ts';

let standIn: AlibabaStandIn;
let ecs: EcsClientType;

beforeAll(async () => {
  standIn = await startAlibabaStandIn({ clockSpeed: 0 });
  ecs = ecsClient(standIn);
});
afterAll(() => standIn.close());

describe('DescribeSnapshots through the real ECS SDK', () => {
  it('lists snapshots of one region, wrapped and in camelCase on the SDK side', async () => {
    const { statusCode, body } = await ecs.describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-hangzhou', maxResults: 100 }),
    );
    expect(statusCode).toBe(200);
    const ids = body?.snapshots?.snapshot?.map((s) => s.snapshotId) ?? [];
    expect(ids).toEqual(standIn.world.snapshotsIn('cn-hangzhou').map((s) => s.snapshotId));
    expect(body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });
});
