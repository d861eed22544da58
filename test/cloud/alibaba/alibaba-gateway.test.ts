import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudGateway, CopySnapshotCall } from '../../../src/cloud/cloud-gateway.ts';
import type { AlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { startStandInGateway } from './stand-in-gateway.ts';

let standIn: AlibabaStandIn;
let gateway: CloudGateway;

beforeAll(async () => {
  ({ standIn, gateway } = await startStandInGateway());
});

afterAll(async () => {
  await standIn.close();
});

const GIB = 1024 ** 3;

describe('regions and disks', () => {
  it('lists every region with its name', async () => {
    const regions = await gateway.listRegions();
    expect(regions).toEqual(
      standIn.world.regions().map((region) => ({ regionId: region.regionId, localName: region.localName })),
    );
    expect(regions).toContainEqual({ regionId: 'cn-hangzhou', localName: 'China (Hangzhou)' });
  });

  it('describes a disk, and answers undefined for one that does not exist', async () => {
    await expect(gateway.describeDisk('cn-hangzhou', 'd-bp1db01data00000001')).resolves.toMatchObject({
      diskId: 'd-bp1db01data00000001',
      regionId: 'cn-hangzhou',
      name: 'db-01-data',
      sizeGiB: 500,
      category: 'cloud_essd',
      encrypted: true,
      kmsKeyId: 'key-hzz62b7app0data0001',
    });
    await expect(gateway.describeDisk('cn-hangzhou', 'd-doesnotexist0000001')).resolves.toBeUndefined();
  });
});

describe('describeSnapshots', () => {
  it('maps the API fields to plain values', async () => {
    const found = await gateway.describeSnapshots('cn-hangzhou', [
      's-bp1web01sys00000002',
      's-bp1logs01data000002',
    ]);
    const daily = found.find((snapshot) => snapshot.snapshotId === 's-bp1web01sys00000002');
    const inProgress = found.find((snapshot) => snapshot.snapshotId === 's-bp1logs01data000002');
    expect(daily).toMatchObject({
      snapshotId: 's-bp1web01sys00000002',
      regionId: 'cn-hangzhou',
      name: 'web-01-system-daily',
      status: 'accomplished',
      progress: 100,
      category: 'standard',
      encrypted: false,
      sourceDiskId: 'd-bp1web01system00001',
      sourceDiskSizeGiB: 40,
      sourceDiskType: 'system',
      fullSizeBytes: 19 * GIB,
    });
    expect(daily?.tags).toEqual(
      expect.arrayContaining([
        { key: 'env', value: 'prod' },
        { key: 'app', value: 'web' },
      ]),
    );
    expect(inProgress).toMatchObject({ status: 'progressing', progress: 45, remainTime: 1800 });
  });

  it('splits 250 IDs into three calls of at most 100 and merges what they find', async () => {
    const known = ['s-bp1web01sys00000001', 's-bp1db01data00000001', 's-bp1logs01data000001'];
    const unknown = Array.from({ length: 247 }, (_, i) => `s-unknown${String(i).padStart(11, '0')}`);
    const ids = [known[0]!, ...unknown.slice(0, 150), known[1]!, ...unknown.slice(150), known[2]!];
    const before = standIn.calls.count('DescribeSnapshots');

    const found = await gateway.describeSnapshots('cn-hangzhou', ids);

    const calls = standIn.calls.callsTo('DescribeSnapshots').slice(before);
    expect(calls).toHaveLength(3);
    const sent = calls.map((call) => JSON.parse(call.params['SnapshotIds'] ?? '[]') as string[]);
    expect(sent.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(sent.flat()).toEqual(ids);
    expect(found.map((snapshot) => snapshot.snapshotId).sort()).toEqual([...known].sort());
  });
});

describe('searchSnapshots', () => {
  it('matches a name substring and an ID prefix, ignoring case', async () => {
    const byName = await gateway.searchSnapshots('cn-hangzhou', { query: 'WEB-01' });
    expect(byName.snapshots.map((snapshot) => snapshot.snapshotId).sort()).toEqual([
      's-bp1web01sys00000001',
      's-bp1web01sys00000002',
    ]);
    const byId = await gateway.searchSnapshots('cn-hangzhou', { query: 'S-BP1DB01' });
    expect(byId.snapshots.map((snapshot) => snapshot.snapshotId)).toEqual(['s-bp1db01data00000001']);
    expect(byId.nextToken).toBeUndefined();
  });

  it('pages through every match exactly once', async () => {
    const expected = standIn.world
      .snapshotsIn('cn-hangzhou')
      .filter((snapshot) => snapshot.name.includes('logs-01'))
      .map((snapshot) => snapshot.snapshotId);
    expect(expected.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await gateway.searchSnapshots('cn-hangzhou', {
        query: 'logs-01',
        maxResults: 2,
        nextToken,
      });
      expect(page.snapshots.length).toBeLessThanOrEqual(2);
      seen.push(...page.snapshots.map((snapshot) => snapshot.snapshotId));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.sort()).toEqual(expected.sort());
  });
});

describe('copy and delete', () => {
  const encryptedCopy: CopySnapshotCall = {
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId: 's-bp1web01sys00000002',
    destinationRegionId: 'ap-southeast-1',
    name: 'web-01-dr',
    description: 'DR copy of web-01',
    retentionDays: 30,
    encrypted: true,
    kmsKeyId: 'alias/dr-backup',
    tags: [
      { key: 'snapcopy:request-id', value: 'req-1' },
      { key: 'team', value: 'platform' },
    ],
    clientToken: 'snapcopy-req-1',
  };

  it('copies with every parameter on the wire and returns the new snapshot', async () => {
    const result = await gateway.copySnapshot(encryptedCopy);

    expect(result.requestId).not.toBe('');
    const copy = standIn.world.snapshot(result.snapshotId);
    expect(copy).toMatchObject({
      regionId: 'ap-southeast-1',
      encrypted: true,
      kmsKeyId: 'key-t4ndrbackup0000001',
      sourceSnapshotId: 's-bp1web01sys00000002',
      sourceRegionId: 'cn-hangzhou',
      retentionDays: 30,
    });
    expect(copy?.tags).toEqual(encryptedCopy.tags);
    const [sent] = standIn.calls.callsTo('CopySnapshot').slice(-1);
    expect(sent?.params).toMatchObject({
      RegionId: 'cn-hangzhou',
      SnapshotId: 's-bp1web01sys00000002',
      DestinationRegionId: 'ap-southeast-1',
      DestinationSnapshotName: 'web-01-dr',
      DestinationSnapshotDescription: 'DR copy of web-01',
      RetentionDays: '30',
      Encrypted: 'true',
      KMSKeyId: 'alias/dr-backup',
      'Tag.1.Key': 'snapcopy:request-id',
      'Tag.2.Value': 'platform',
      ClientToken: 'snapcopy-req-1',
    });
  });

  it('leaves Encrypted and KMSKeyId off a standard copy', async () => {
    const { snapshotId } = await gateway.copySnapshot({
      ...encryptedCopy,
      sourceSnapshotId: 's-uf6analytics0000001',
      sourceRegionId: 'cn-shanghai',
      encrypted: false,
      kmsKeyId: undefined,
      retentionDays: undefined,
      clientToken: 'snapcopy-req-2',
    });
    const [sent] = standIn.calls.callsTo('CopySnapshot').slice(-1);
    expect(Object.keys(sent?.params ?? {})).not.toEqual(
      expect.arrayContaining(['Encrypted', 'KMSKeyId', 'RetentionDays']),
    );
    expect(standIn.world.snapshot(snapshotId)).toMatchObject({
      encrypted: false,
      regionId: 'ap-southeast-1',
    });
  });

  it('deletes a snapshot, and reports one that is already gone', async () => {
    const first = await gateway.deleteSnapshot('cn-hangzhou', 's-bp1logs01data000003');
    expect(first.alreadyGone).toBe(false);
    expect(standIn.world.snapshot('s-bp1logs01data000003')).toBeUndefined();

    const again = await gateway.deleteSnapshot('cn-hangzhou', 's-bp1logs01data000003');
    expect(again).toMatchObject({ alreadyGone: true });
    expect(again.requestId).not.toBe('');
  });
});

describe('KMS', () => {
  it('describes a key found by alias, with all its aliases', async () => {
    await expect(gateway.describeKey('cn-hangzhou', 'alias/prod-db')).resolves.toMatchObject({
      keyId: 'key-hzz62b7app0data0001',
      regionId: 'cn-hangzhou',
      keyState: 'Enabled',
      keySpec: 'Aliyun_AES_256',
      keyUsage: 'ENCRYPT/DECRYPT',
      aliases: expect.arrayContaining(['alias/app-data', 'alias/prod-db']),
      description: 'Production application data',
      serviceManaged: false,
    });
  });

  it('finds a key by ID and by ARN, and marks the ECS service key as service-managed', async () => {
    const byId = await gateway.describeKey('cn-shanghai', 'key-uf6drbackup0000001');
    expect(byId?.arn).toMatch(/^acs:kms:cn-shanghai:/);
    await expect(gateway.describeKey('cn-shanghai', byId?.arn ?? '')).resolves.toMatchObject({
      keyId: 'key-uf6drbackup0000001',
    });
    await expect(gateway.describeKey('cn-shanghai', 'alias/acs/ecs')).resolves.toMatchObject({
      keyId: 'key-uf6ecsservice00001',
      serviceManaged: true,
    });
  });

  it('answers undefined for a key that is not in the region', async () => {
    await expect(gateway.describeKey('cn-hangzhou', 'alias/no-such-key')).resolves.toBeUndefined();
    await expect(gateway.describeKey('cn-hangzhou', 'key-uf6drbackup0000001')).resolves.toBeUndefined();
  });

  it('lists the keys of a region with their aliases, state and spec', async () => {
    const keys = await gateway.listKeys('cn-hangzhou');
    expect(keys.map((key) => key.keyId).sort()).toEqual(
      standIn.world
        .keysIn('cn-hangzhou')
        .map((key) => key.keyId)
        .sort(),
    );
    const byId = new Map(keys.map((key) => [key.keyId, key]));
    expect(byId.get('key-hzz6disabled000001')).toMatchObject({
      keyState: 'Disabled',
      aliases: ['alias/old-backup'],
    });
    expect(byId.get('key-hzz6rsasigning0001')).toMatchObject({
      keySpec: 'RSA_2048',
      keyUsage: 'SIGN/VERIFY',
    });
    expect(byId.get('key-hzz6ecsservice00001')).toMatchObject({
      serviceManaged: true,
      aliases: ['alias/acs/ecs'],
    });
  });

  it('reports whether KMS is activated', async () => {
    await expect(gateway.kmsAccountStatus('cn-hangzhou')).resolves.toBe('Enabled');
    standIn.world.setKmsStatus('NotEnabled');
    try {
      await expect(gateway.kmsAccountStatus('cn-hangzhou')).resolves.toBe('NotEnabled');
    } finally {
      standIn.world.setKmsStatus('Enabled');
    }
  });
});
