import * as $Ecs from '@alicloud/ecs20140526';
import { describe, expect, it } from 'vitest';
import { sendRaw, VERSIONS } from './support/raw-requests.ts';
import { ecsClient, rejectionOf } from './support/sdk-clients.ts';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn();

type DescribeFields = ConstructorParameters<typeof $Ecs.DescribeSnapshotsRequest>[0];

async function describeSnapshots(fields: DescribeFields) {
  const { body } = await ecsClient(standIn()).describeSnapshots(new $Ecs.DescribeSnapshotsRequest(fields));
  return body!;
}

async function idsOf(fields: DescribeFields): Promise<string[]> {
  const body = await describeSnapshots({ maxResults: 100, ...fields });
  return body.snapshots?.snapshot?.map((s) => s.snapshotId!) ?? [];
}

describe('DescribeSnapshots', () => {
  it('lists one region, newest first, with an uppercase RequestId', async () => {
    const body = await describeSnapshots({ regionId: 'cn-hangzhou', maxResults: 100 });
    const ids = body.snapshots?.snapshot?.map((s) => s.snapshotId) ?? [];
    expect(ids).toEqual(
      standIn()
        .world.snapshotsIn('cn-hangzhou')
        .map((s) => s.snapshotId),
    );
    expect(ids).toContain('s-bp1web01sys00000002');
    expect(ids).not.toContain('s-uf6analytics0000001');
    expect(body.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('reports the fields of reference §5.3 for an earlier encrypted copy', async () => {
    const body = await describeSnapshots({
      regionId: 'cn-shanghai',
      snapshotIds: '["s-uf6webcopy000000002"]',
    });
    expect(body.snapshots?.snapshot).toEqual([
      expect.objectContaining({
        snapshotId: 's-uf6webcopy000000002',
        status: 'accomplished',
        progress: '100%',
        remainTime: 0,
        sourceDiskId: 'd-bp1web01system00001',
        sourceDiskSize: '40',
        sourceDiskType: 'system',
        sourceSnapshotId: 's-bp1web01sys00000001',
        sourceRegionId: 'cn-hangzhou',
        encrypted: true,
        KMSKeyId: 'key-uf6drbackup0000001',
        category: 'standard',
        available: true,
        retentionDays: 90,
        fullSnapshotSizeInBytes: 18 * 2 ** 30,
        creationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      }),
    ]);
  });

  it('answers a snapshot being created with its progress and remaining time', async () => {
    const [snapshot] = (
      await describeSnapshots({ regionId: 'cn-hangzhou', snapshotIds: '["s-bp1logs01data000002"]' })
    ).snapshots!.snapshot!;
    expect(snapshot).toMatchObject({
      status: 'progressing',
      progress: '45%',
      remainTime: 1800,
      available: false,
    });
  });

  it('leaves unknown IDs out without an error', async () => {
    expect(
      await idsOf({ regionId: 'cn-hangzhou', snapshotIds: '["s-bp1web01sys00000001","s-nope"]' }),
    ).toEqual(['s-bp1web01sys00000001']);
  });

  it.each<[string, DescribeFields, string[]]>([
    [
      'DiskId, matching copies by their source disk',
      { regionId: 'cn-shanghai', diskId: 'd-bp1web01system00001' },
      ['s-uf6webcopy000000003', 's-uf6webcopy000000002', 's-uf6webcopy000000001'],
    ],
    [
      'SnapshotName',
      { regionId: 'cn-hangzhou', snapshotName: 'web-01-system-weekly' },
      ['s-bp1web01sys00000001'],
    ],
    ['Status', { regionId: 'cn-hangzhou', status: 'failed' }, ['s-bp1logs01data000003']],
    [
      'Category archive',
      { regionId: 'cn-hangzhou', category: 'archive' },
      ['s-bp1db03archive00001', 's-bp1logs01archive001'],
    ],
    ['Category Flash', { regionId: 'cn-hangzhou', category: 'Flash' }, ['s-bp1cache01flash0001']],
    ['Encrypted', { regionId: 'cn-hangzhou', encrypted: true }, ['s-bp1db01data00000001']],
    [
      'KMSKeyId',
      { regionId: 'cn-shanghai', KMSKeyId: 'key-uf6ecsservice00001' },
      ['s-uf6vault00000000001', 's-uf6webcopy000000003'],
    ],
    ['SnapshotType auto', { regionId: 'cn-hangzhou', snapshotType: 'auto' }, ['s-bp1logs01data000001']],
    [
      'SourceDiskType system',
      { regionId: 'cn-hangzhou', sourceDiskType: 'System' },
      ['s-bp1drillsystem0001', 's-bp1web01sys00000002', 's-bp1erp01system0001', 's-bp1web01sys00000001'],
    ],
    [
      'InstanceId',
      { regionId: 'cn-hangzhou', instanceId: 'i-bp1db0100000000001' },
      ['s-bp1db01data00000001'],
    ],
    [
      'Tag key and value',
      { regionId: 'cn-hangzhou', tag: [new $Ecs.DescribeSnapshotsRequestTag({ key: 'app', value: 'web' })] },
      ['s-bp1web01sys00000002', 's-bp1web01sys00000001'],
    ],
    [
      'Tag key alone',
      { regionId: 'cn-shanghai', tag: [new $Ecs.DescribeSnapshotsRequestTag({ key: 'purpose' })] },
      ['s-uf6webcopy000000002', 's-uf6webcopy000000001'],
    ],
  ])('filters by %s', async (_filter, fields, expected) => {
    expect(await idsOf(fields)).toEqual(expected);
  });

  it('filters by creation time with Filter.N', async () => {
    const newest = standIn().world.snapshot('s-bp1logs01data000002')!.creationTime.slice(0, 16);
    const ids = await idsOf({
      regionId: 'cn-hangzhou',
      filter: [new $Ecs.DescribeSnapshotsRequestFilter({ key: 'CreationStartTime', value: `${newest}Z` })],
    });
    expect(ids).toContain('s-bp1logs01data000002');
    expect(ids).not.toContain('s-bp1web01sys00000001');
  });

  it('pages with MaxResults and NextToken until the token is empty', async () => {
    const all = standIn()
      .world.snapshotsIn('cn-hangzhou')
      .map((s) => s.snapshotId);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const body = await describeSnapshots({ regionId: 'cn-hangzhou', maxResults: 3, nextToken });
      expect(body.snapshots?.snapshot?.length).toBeLessThanOrEqual(3);
      seen.push(...(body.snapshots?.snapshot?.map((s) => s.snapshotId!) ?? []));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
    expect(seen).toEqual(all);
  });

  it('pages with PageNumber and PageSize, reporting TotalCount', async () => {
    const all = standIn()
      .world.snapshotsIn('cn-hangzhou')
      .map((s) => s.snapshotId);
    const body = await describeSnapshots({ regionId: 'cn-hangzhou', pageNumber: 2, pageSize: 3 });
    expect(body).toMatchObject({ totalCount: all.length, pageNumber: 2, pageSize: 3 });
    expect(body.snapshots?.snapshot?.map((s) => s.snapshotId)).toEqual(all.slice(3, 6));
  });

  it('defaults to 10 results per page', async () => {
    const body = await describeSnapshots({ regionId: 'cn-shanghai' });
    expect(body.snapshots?.snapshot).toHaveLength(
      Math.min(10, standIn().world.snapshotsIn('cn-shanghai').length),
    );
  });

  it('refuses more than 100 IDs, and a SnapshotIds value that is not a JSON array', async () => {
    const ids = JSON.stringify(Array.from({ length: 101 }, (_, i) => `s-${i}`));
    for (const snapshotIds of [ids, 's-1,s-2', '{"a":1}', '[1,2]']) {
      const error = await rejectionOf(describeSnapshots({ regionId: 'cn-hangzhou', snapshotIds }));
      expect(error).toMatchObject({ code: 'InvalidSnapshotIds.Malformed', statusCode: 403 });
    }
    const hundred = JSON.stringify(Array.from({ length: 100 }, (_, i) => `s-${i}`));
    await expect(idsOf({ regionId: 'cn-hangzhou', snapshotIds: hundred })).resolves.toEqual([]);
  });

  it.each<[string, DescribeFields, string, number]>([
    ['no RegionId', {}, 'MissingParameter', 400],
    ['an unknown region', { regionId: 'mars-north-1' }, 'InvalidRegionId.NotFound', 404],
    ['an unknown Status', { regionId: 'cn-hangzhou', status: 'done' }, 'InvalidStatus.NotFound', 404],
    [
      'an unknown Category',
      { regionId: 'cn-hangzhou', category: 'cold' },
      'InvalidSnapshotCategory.Malformed',
      403,
    ],
    [
      'an unknown SnapshotType',
      { regionId: 'cn-hangzhou', snapshotType: 'manual' },
      'InvalidSnapshotType.NotFound',
      404,
    ],
    [
      'an unknown SourceDiskType',
      { regionId: 'cn-hangzhou', sourceDiskType: 'root' },
      'InvalidSourceDiskType',
      404,
    ],
    ['MaxResults over 100', { regionId: 'cn-hangzhou', maxResults: 101 }, 'InvalidParameter', 400],
    ['PageSize over 100', { regionId: 'cn-hangzhou', pageSize: 101 }, 'InvalidParameter', 400],
    ['a forged NextToken', { regionId: 'cn-hangzhou', nextToken: 'not-a-token' }, 'InvalidParameter', 400],
    [
      'a Tag value without key',
      { regionId: 'cn-hangzhou', tag: [new $Ecs.DescribeSnapshotsRequestTag({ value: 'x' })] },
      'InvalidTag.Mismatch',
      400,
    ],
    [
      'an unknown Filter key',
      {
        regionId: 'cn-hangzhou',
        filter: [new $Ecs.DescribeSnapshotsRequestFilter({ key: 'Size', value: '1' })],
      },
      'InvalidFilterKey.NotFound',
      404,
    ],
    [
      'a bad Filter value',
      {
        regionId: 'cn-hangzhou',
        filter: [new $Ecs.DescribeSnapshotsRequestFilter({ key: 'CreationStartTime', value: 'yesterday' })],
      },
      'InvalidFilterValue',
      404,
    ],
    ['DryRun', { regionId: 'cn-hangzhou', dryRun: true }, 'DryRunOperation', 400],
  ])('refuses %s', async (_case, fields, code, statusCode) => {
    expect(await rejectionOf(describeSnapshots(fields))).toMatchObject({ code, statusCode });
  });

  it('refuses a 21st tag filter', async () => {
    const params: Record<string, string> = { RegionId: 'cn-hangzhou', 'Tag.21.Key': 'k' };
    const reply = await sendRaw(standIn(), { version: VERSIONS.ecs, action: 'DescribeSnapshots', params });
    expect(reply).toMatchObject({ status: 400, body: { Code: 'InvalidTagCount' } });
  });
});

describe('DescribeDisks', () => {
  async function disks(fields: ConstructorParameters<typeof $Ecs.DescribeDisksRequest>[0]) {
    const { body } = await ecsClient(standIn()).describeDisks(new $Ecs.DescribeDisksRequest(fields));
    return body!;
  }

  it('describes a disk by ID with its size, category and encryption', async () => {
    const body = await disks({ regionId: 'cn-hangzhou', diskIds: '["d-bp1db01data00000001"]' });
    expect(body.disks?.disk).toEqual([
      expect.objectContaining({
        diskId: 'd-bp1db01data00000001',
        size: 500,
        category: 'cloud_essd',
        type: 'data',
        encrypted: true,
        KMSKeyId: 'key-hzz62b7app0data0001',
        regionId: 'cn-hangzhou',
        status: 'In_use',
      }),
    ]);
  });

  it('lists a region’s disks with paging and filters', async () => {
    const inRegion = standIn().world.disksIn('cn-hangzhou');
    const all = await disks({ regionId: 'cn-hangzhou', maxResults: 500 });
    expect(all.disks?.disk?.map((d) => d.diskId)).toEqual(inRegion.map((d) => d.diskId));
    const system = await disks({ regionId: 'cn-hangzhou', diskType: 'system', maxResults: 500 });
    expect(system.disks?.disk?.map((d) => d.diskId)).toEqual(
      inRegion.filter((d) => d.type === 'system').map((d) => d.diskId),
    );
    expect(system.disks?.disk?.map((d) => d.diskId)).toContain('d-bp1web01system00001');
    const page = await disks({ regionId: 'cn-hangzhou', pageNumber: 2, pageSize: 2 });
    expect(page).toMatchObject({ totalCount: inRegion.length, pageNumber: 2 });
    expect(page.disks?.disk).toHaveLength(2);
  });

  it('pages with MaxResults and NextToken until the token comes back empty', async () => {
    const first = await disks({ regionId: 'cn-hangzhou', maxResults: 10 });
    expect(first.disks?.disk).toHaveLength(10);
    expect(first.nextToken).toBeTruthy();
    const ids = (first.disks?.disk ?? []).map((d) => d.diskId);
    let nextToken = first.nextToken;
    while (nextToken) {
      const page = await disks({ regionId: 'cn-hangzhou', maxResults: 10, nextToken });
      ids.push(...(page.disks?.disk ?? []).map((d) => d.diskId));
      nextToken = page.nextToken;
    }
    expect(ids).toEqual(
      standIn()
        .world.disksIn('cn-hangzhou')
        .map((d) => d.diskId),
    );
  });

  it('filters by instance', async () => {
    const body = await disks({
      regionId: 'cn-hangzhou',
      instanceId: 'i-bp1drill000000000001',
      maxResults: 500,
    });
    expect(body.disks?.disk).toHaveLength(40);
    expect(body.disks?.disk?.every((d) => d.instanceId === 'i-bp1drill000000000001')).toBe(true);
  });

  it('filters by tags, every one of them, and returns each disk’s tags', async () => {
    const tag = (key: string, value?: string) => new $Ecs.DescribeDisksRequestTag({ key, value });
    const db = await disks({ regionId: 'cn-hangzhou', tag: [tag('app', 'db')] });
    expect(db.disks?.disk?.map((d) => d.diskId)).toEqual([
      'd-bp1db01data00000001',
      'd-bp1db02data00000001',
      'd-bp1db03data00000001',
    ]);
    expect(db.disks?.disk?.[0]?.tags?.tag).toEqual(
      expect.arrayContaining([expect.objectContaining({ tagKey: 'app', tagValue: 'db' })]),
    );
    const both = await disks({ regionId: 'cn-hangzhou', tag: [tag('app', 'db'), tag('env', 'staging')] });
    expect(both.disks?.disk).toEqual([]);
    const anyValue = await disks({ regionId: 'cn-hangzhou', tag: [tag('app')] });
    expect(anyValue.disks?.disk).toHaveLength(3);
  });

  it('refuses a tag filter without a key, and a 21st tag filter', async () => {
    const params = (extra: Record<string, string>) => ({ RegionId: 'cn-hangzhou', ...extra });
    const noKey = await sendRaw(standIn(), {
      version: VERSIONS.ecs,
      action: 'DescribeDisks',
      params: params({ 'Tag.1.Value': 'db' }),
    });
    expect(noKey).toMatchObject({ status: 400, body: { Code: 'InvalidTag.Mismatch' } });
    const tooMany = await sendRaw(standIn(), {
      version: VERSIONS.ecs,
      action: 'DescribeDisks',
      params: params({ 'Tag.21.Key': 'app' }),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { Code: 'InvalidTagCount' } });
  });

  it('returns an empty, still wrapped list for a disk of another region', async () => {
    const body = await disks({ regionId: 'cn-shanghai', diskIds: '["d-bp1web01system00001"]' });
    expect(body.disks?.disk).toEqual([]);
  });

  it('refuses more than 100 disk IDs and MaxResults outside 10–500', async () => {
    const diskIds = JSON.stringify(Array.from({ length: 101 }, (_, i) => `d-${i}`));
    expect(await rejectionOf(disks({ regionId: 'cn-hangzhou', diskIds }))).toMatchObject({
      code: 'InvalidDiskIds.Malformed',
      statusCode: 403,
    });
    expect(await rejectionOf(disks({ regionId: 'cn-hangzhou', maxResults: 501 }))).toMatchObject({
      code: 'InvalidParameter',
    });
  });
});

describe('DescribeRegions (ECS)', () => {
  it('lists every region of the world with its endpoint', async () => {
    const { body } = await ecsClient(standIn()).describeRegions(new $Ecs.DescribeRegionsRequest({}));
    expect(body?.regions?.region?.map((r) => r.regionId)).toEqual([
      'cn-hangzhou',
      'cn-shanghai',
      'ap-southeast-1',
      'cn-nanjing',
    ]);
    expect(body?.regions?.region?.[1]).toMatchObject({
      localName: 'China (Shanghai)',
      regionEndpoint: 'ecs.cn-shanghai.aliyuncs.com',
      status: 'available',
    });
  });
});

describe('CreateSnapshot and DeleteSnapshot', () => {
  it('creates a progressing snapshot of a disk in the disk’s region, then deletes it by ID alone', async () => {
    const ecs = ecsClient(standIn());
    const { body } = await ecs.createSnapshot(
      new $Ecs.CreateSnapshotRequest({ diskId: 'd-t4nshop01system0001', snapshotName: 'seeded-for-demo' }),
    );
    const id = body!.snapshotId!;
    expect(standIn().world.snapshot(id)).toMatchObject({ regionId: 'ap-southeast-1', status: 'progressing' });
    await ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: id }));
    expect(standIn().world.snapshot(id)).toBeUndefined();
  });

  it('refuses CreateSnapshot of an unknown disk and DeleteSnapshot without an ID', async () => {
    const ecs = ecsClient(standIn());
    expect(
      await rejectionOf(ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId: 'd-nope' }))),
    ).toMatchObject({ code: 'InvalidDiskId.NotFound', statusCode: 404 });
    expect(await rejectionOf(ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({})))).toMatchObject({
      code: 'MissingParameter',
      statusCode: 400,
    });
  });
});
