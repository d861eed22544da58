import * as $Ecs from '@alicloud/ecs20140526';
import { describe, expect, it } from 'vitest';
import { ecsClient, rejectionOf } from './support/sdk-clients.ts';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn({ fresh: 'each' });

const WEB_DAILY = 's-bp1web01sys00000002';
const WEB_WEEKLY = 's-bp1web01sys00000001';
const DB_ENCRYPTED = 's-bp1db01data00000001';
const MINUTE = 60_000;

type CopyFields = ConstructorParameters<typeof $Ecs.CopySnapshotRequest>[0];

function copy(fields: CopyFields = {}) {
  return ecsClient(standIn()).copySnapshot(
    new $Ecs.CopySnapshotRequest({
      regionId: 'cn-hangzhou',
      snapshotId: WEB_DAILY,
      destinationRegionId: 'cn-shanghai',
      destinationSnapshotName: 'web-01-copy',
      destinationSnapshotDescription: 'Disaster-recovery copy',
      ...fields,
    }),
  );
}

async function copyId(fields: CopyFields = {}): Promise<string> {
  const { body } = await copy(fields);
  return body!.snapshotId!;
}

async function refusal(fields: CopyFields) {
  const error = await rejectionOf(copy(fields));
  return { code: error.code, statusCode: error.statusCode };
}

function tags(...pairs: [string, string][]) {
  return pairs.map(([key, value]) => new $Ecs.CopySnapshotRequestTag({ key, value }));
}

describe('a copy that is allowed', () => {
  it('appears in the destination region at once, progressing from 0%, with the request’s tags and retention', async () => {
    const id = await copyId({ retentionDays: 7, tag: tags(['purpose', 'dr']) });
    const { body } = await ecsClient(standIn()).describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-shanghai', snapshotIds: JSON.stringify([id]) }),
    );
    const [snapshot] = body?.snapshots?.snapshot ?? [];
    expect(snapshot).toMatchObject({
      snapshotId: id,
      regionId: 'cn-shanghai',
      status: 'progressing',
      progress: '0%',
      available: false,
      sourceSnapshotId: WEB_DAILY,
      sourceRegionId: 'cn-hangzhou',
      sourceDiskId: 'd-bp1web01system00001',
      sourceDiskSize: '40',
      encrypted: false,
      retentionDays: 7,
      category: 'standard',
      snapshotName: 'web-01-copy',
    });
    expect(snapshot?.remainTime).toBeGreaterThan(0);
    // The source's own tags (env, app) and retention are not copied.
    expect(snapshot?.tags?.tag?.map((t) => [t.tagKey, t.tagValue])).toEqual([['purpose', 'dr']]);
    expect(
      standIn()
        .world.snapshotsIn('cn-hangzhou')
        .some((s) => s.snapshotId === id),
    ).toBe(false);
  });

  it('progresses with simulated time to accomplished, RemainTime shrinking on the way', async () => {
    const id = await copyId({ destinationRegionId: 'ap-southeast-1' });
    const { world, clock } = standIn();
    const start = world.snapshot(id)!;
    clock.advance((start.remainTimeSeconds * 1000) / 2);
    const halfway = world.snapshot(id)!;
    expect(halfway.status).toBe('progressing');
    expect(halfway.progress).toBeGreaterThan(0);
    expect(halfway.progress).toBeLessThan(100);
    expect(halfway.remainTimeSeconds).toBeLessThan(start.remainTimeSeconds);
    clock.advance(10 * MINUTE);
    expect(world.snapshot(id)).toMatchObject({
      status: 'accomplished',
      progress: 100,
      remainTimeSeconds: 0,
      available: true,
    });
  });

  it('resolves KMSKeyId given as an alias or an ARN and records the key ID', async () => {
    const byAlias = await copyId({ encrypted: true, KMSKeyId: 'alias/dr-backup' });
    standIn().clock.advance(60 * MINUTE);
    const byArn = await copyId({
      encrypted: true,
      KMSKeyId: 'acs:kms:cn-shanghai:5123456789012345:key/key-uf6drarchive000001',
    });
    expect(standIn().world.snapshot(byAlias)).toMatchObject({
      encrypted: true,
      kmsKeyId: 'key-uf6drbackup0000001',
    });
    expect(standIn().world.snapshot(byArn)?.kmsKeyId).toBe('key-uf6drarchive000001');
  });

  it('encrypts under the destination region’s alias/acs/ecs key when Encrypted comes without KMSKeyId', async () => {
    const id = await copyId({ encrypted: true, destinationRegionId: 'ap-southeast-1' });
    expect(standIn().world.snapshot(id)?.kmsKeyId).toBe('key-t4necsservice00001');
  });

  it('allows a same-region Copy and Encrypt, including re-encrypting an encrypted snapshot under a new key', async () => {
    const sameRegion = await copyId({ destinationRegionId: 'cn-hangzhou', encrypted: true });
    const reKeyed = await copyId({
      snapshotId: DB_ENCRYPTED,
      destinationRegionId: 'cn-hangzhou',
      encrypted: true,
    });
    expect(standIn().world.snapshot(sameRegion)).toMatchObject({
      regionId: 'cn-hangzhou',
      kmsKeyId: 'key-hzz6ecsservice00001',
    });
    expect(standIn().world.snapshot(reKeyed)).toMatchObject({
      sourceSnapshotId: DB_ENCRYPTED,
      encrypted: true,
    });
  });

  it('takes longer for a first copy than for an incremental one', async () => {
    // cn-shanghai already holds a standard copy of this disk; ap-southeast-1 holds none.
    const incremental = await copyId({ destinationRegionId: 'cn-shanghai' });
    const first = await copyId({ destinationRegionId: 'ap-southeast-1' });
    const { world } = standIn();
    expect(world.snapshot(first)!.remainTimeSeconds).toBeGreaterThan(
      world.snapshot(incremental)!.remainTimeSeconds,
    );
  });
});

describe('a copy that goes wrong after it started', () => {
  it('fails when its key is disabled mid-copy', async () => {
    const id = await copyId({ encrypted: true, KMSKeyId: 'alias/dr-backup' });
    standIn().clock.advance(1000);
    standIn().world.setKeyState('key-uf6drbackup0000001', 'Disabled');
    standIn().clock.advance(60 * MINUTE);
    expect(standIn().world.snapshot(id)).toMatchObject({ status: 'failed', available: false });
  });

  it('fails when its key is scheduled for deletion mid-copy, but a finished copy is unaffected', async () => {
    const finished = await copyId({ encrypted: true, KMSKeyId: 'alias/dr-archive' });
    standIn().clock.advance(60 * MINUTE);
    const running = await copyId({ snapshotId: WEB_WEEKLY, encrypted: true, KMSKeyId: 'alias/dr-archive' });
    standIn().world.setKeyState('key-uf6drarchive000001', 'PendingDeletion');
    expect(standIn().world.snapshot(running)?.status).toBe('failed');
    expect(standIn().world.snapshot(finished)?.status).toBe('accomplished');
  });

  it('fails by fault injection and then frees the disk for another copy', async () => {
    const id = await copyId();
    standIn().world.failCopy(id);
    const { body } = await ecsClient(standIn()).describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-shanghai', snapshotIds: JSON.stringify([id]) }),
    );
    expect(body?.snapshots?.snapshot?.[0]?.status).toBe('failed');
    expect(await copyId({ snapshotId: WEB_WEEKLY })).not.toBe(id);
  });

  it('is cancelled by DeleteSnapshot while progressing: it disappears', async () => {
    const id = await copyId();
    const ecs = ecsClient(standIn());
    const { statusCode } = await ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: id }));
    expect(statusCode).toBe(200);
    expect(standIn().world.snapshot(id)).toBeUndefined();
    const again = await rejectionOf(ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: id })));
    expect(again).toMatchObject({ code: 'InvalidSnapshotId.NotFound', statusCode: 404 });
  });
});

describe('one unfinished copy per source disk and destination region', () => {
  it('refuses a second standard copy of the same disk while the first runs, naming it', async () => {
    const first = await copyId();
    const error = await rejectionOf(copy({ snapshotId: WEB_WEEKLY }));
    expect(error).toMatchObject({ code: 'InvalidOperation.UnfinishedCrossRegionCopy', statusCode: 403 });
    expect(error.data?.Message).toContain(first);
  });

  it('names the encrypted kind when the running copy is encrypted', async () => {
    await copyId({ encrypted: true });
    expect(await refusal({ snapshotId: WEB_WEEKLY, encrypted: true })).toEqual({
      code: 'InvalidOperation.UnfinishedEncryptedSnapshotCopy',
      statusCode: 403,
    });
  });

  it('allows the next copy once the first finished, and copies to other regions meanwhile', async () => {
    await copyId();
    await expect(copyId({ snapshotId: WEB_WEEKLY, destinationRegionId: 'ap-southeast-1' })).resolves.toMatch(
      /^s-/,
    );
    standIn().clock.advance(60 * MINUTE);
    await expect(copyId({ snapshotId: WEB_WEEKLY })).resolves.toMatch(/^s-/);
  });
});

describe('ClientToken idempotency', () => {
  it('answers a retry with the same token and parameters with the same copy, making no second one', async () => {
    const first = await copyId({ clientToken: 'req-123-copy' });
    const before = standIn().world.snapshotsIn('cn-shanghai').length;
    const retry = await copyId({ clientToken: 'req-123-copy' });
    expect(retry).toBe(first);
    expect(standIn().world.snapshotsIn('cn-shanghai')).toHaveLength(before);
  });

  it('refuses the same token with different parameters', async () => {
    await copyId({ clientToken: 'req-456-copy' });
    expect(await refusal({ clientToken: 'req-456-copy', destinationSnapshotName: 'another-name' })).toEqual({
      code: 'IdempotentParameterMismatch',
      statusCode: 403,
    });
  });
});

describe('every CopySnapshot refusal, with its documented code', () => {
  it.each<[string, CopyFields, string, number]>([
    [
      'source not in the source region',
      { snapshotId: 's-uf6analytics0000001' },
      'InvalidSnapshotId.NotFound',
      403,
    ],
    ['unknown source', { snapshotId: 's-doesnotexist0000001' }, 'InvalidSnapshotId.NotFound', 403],
    ['source still progressing', { snapshotId: 's-bp1logs01data000002' }, 'InvalidSnapshotId.NotReady', 403],
    ['source failed', { snapshotId: 's-bp1logs01data000003' }, 'InvalidSnapshotId.NotReady', 403],
    [
      'archived source',
      { snapshotId: 's-bp1logs01archive001' },
      'InvalidSnapshotCategory.NotSupportCopy',
      403,
    ],
    ['flash source', { snapshotId: 's-bp1cache01flash0001' }, 'InvalidSnapshotCategory.NotSupportCopy', 403],
    [
      'standard copy in the same region',
      { destinationRegionId: 'cn-hangzhou' },
      'InvalidOperation.NotSupportCopyInSameRegion',
      403,
    ],
    [
      'encrypted source copied unencrypted',
      { snapshotId: DB_ENCRYPTED },
      'InvalidEncrypted.NotSupportDecrypt',
      403,
    ],
    ['KMSKeyId without Encrypted', { KMSKeyId: 'alias/dr-backup' }, 'InvalidEncrypted.NotMatchKmsKeyId', 403],
    [
      'encrypted copy to cn-nanjing',
      { destinationRegionId: 'cn-nanjing', encrypted: true },
      'InvalidRegionId.NotSupportedEncryptedSnapshotCopy',
      403,
    ],
    [
      'key of the source region',
      { encrypted: true, KMSKeyId: 'key-hzz62b7app0data0001' },
      'InvalidParameter.KMSKeyId.NotFound',
      403,
    ],
    [
      'alias unknown in the destination',
      { encrypted: true, KMSKeyId: 'alias/app-data' },
      'InvalidParameter.KMSKeyId.NotFound',
      403,
    ],
    [
      'ARN of another region',
      { encrypted: true, KMSKeyId: 'acs:kms:cn-hangzhou:5123456789012345:key/key-uf6drbackup0000001' },
      'InvalidParameter.KMSKeyId.NotFound',
      403,
    ],
    [
      'disabled key',
      { encrypted: true, KMSKeyId: 'alias/dr-old' },
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      403,
    ],
    [
      'key pending deletion',
      { destinationRegionId: 'cn-hangzhou', encrypted: true, KMSKeyId: 'alias/retired' },
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      403,
    ],
    [
      'key pending import',
      { destinationRegionId: 'cn-hangzhou', encrypted: true, KMSKeyId: 'key-hzz6byokimport0001' },
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      403,
    ],
    [
      'asymmetric key',
      { destinationRegionId: 'cn-hangzhou', encrypted: true, KMSKeyId: 'alias/code-signing' },
      'InvalidKMSKeyId.NotSymmetric',
      403,
    ],
    ['unknown destination region', { destinationRegionId: 'mars-north-1' }, 'InvalidRegionId.NotExists', 403],
    ['unknown source region', { regionId: 'mars-north-1' }, 'InvalidRegionId.NotExists', 403],
    ['name starting with a digit', { destinationSnapshotName: '1web' }, 'InvalidSnapshotName.Malformed', 403],
    ['one-character name', { destinationSnapshotName: 'w' }, 'InvalidSnapshotName.Malformed', 403],
    ['name with a URL', { destinationSnapshotName: 'http://web' }, 'InvalidSnapshotName.Malformed', 403],
    ['name with a space', { destinationSnapshotName: 'web copy' }, 'InvalidSnapshotName.Malformed', 403],
    [
      'name of 129 characters',
      { destinationSnapshotName: `w${'a'.repeat(128)}` },
      'InvalidSnapshotName.Malformed',
      403,
    ],
    [
      'one-character description',
      { destinationSnapshotDescription: 'x' },
      'InvalidDescription.Malformed',
      403,
    ],
    [
      'description with a URL',
      { destinationSnapshotDescription: 'https://example.com' },
      'InvalidDescription.Malformed',
      403,
    ],
    [
      'description of 257 characters',
      { destinationSnapshotDescription: 'd'.repeat(257) },
      'InvalidDescription.Malformed',
      403,
    ],
    ['retention of 0 days', { retentionDays: 0 }, 'InvalidRetentionDays.Malformed', 403],
    ['retention of 65537 days', { retentionDays: 65537 }, 'InvalidRetentionDays.Malformed', 403],
    ['tag with an empty key', { tag: tags(['', 'v']) }, 'InvalidTagKey.Malformed', 400],
    ['tag key starting with aliyun', { tag: tags(['aliyun-owner', 'v']) }, 'InvalidTagKey.Malformed', 400],
    ['tag key starting with acs:', { tag: tags(['acs:owner', 'v']) }, 'InvalidTagKey.Malformed', 400],
    ['tag key of 129 characters', { tag: tags(['k'.repeat(129), 'v']) }, 'InvalidTagKey.Malformed', 400],
    ['duplicate tag keys', { tag: tags(['env', 'a'], ['env', 'b']) }, 'Duplicate.TagKey', 400],
    [
      '21 tags',
      { tag: tags(...Array.from({ length: 21 }, (_, i): [string, string] => [`k${i}`, 'v'])) },
      'InvalidTagCount',
      400,
    ],
  ])('refuses %s', async (_case, fields, code, statusCode) => {
    expect(await refusal(fields)).toEqual({ code, statusCode });
    expect(
      standIn()
        .world.snapshotsIn('cn-shanghai')
        .filter((s) => s.status === 'progressing'),
    ).toHaveLength(0);
  });

  it('accepts a CJK name, a name of 128 characters and 20 tags', async () => {
    await expect(copyId({ destinationSnapshotName: '备份-web.01:copy_a' })).resolves.toMatch(/^s-/);
    await expect(
      copyId({
        destinationRegionId: 'ap-southeast-1',
        destinationSnapshotName: `w${'a'.repeat(127)}`,
        tag: tags(...Array.from({ length: 20 }, (_, i): [string, string] => [`k${i}`, ''])),
      }),
    ).resolves.toMatch(/^s-/);
  });

  it('refuses Copy and Encrypt while KMS is not activated', async () => {
    standIn().world.setKmsStatus('NotEnabled');
    expect(await refusal({ encrypted: true })).toEqual({
      code: 'InvalidParameter.KmsNotEnabled',
      statusCode: 403,
    });
    // A standard copy does not need KMS.
    await expect(copyId()).resolves.toMatch(/^s-/);
  });

  it('refuses a request without its required parameters', async () => {
    const error = await rejectionOf(ecsClient(standIn()).copySnapshot(new $Ecs.CopySnapshotRequest({})));
    expect(error).toMatchObject({ code: 'MissingParameter', statusCode: 400 });
    expect(error.data?.Message).toContain('RegionId');
  });
});
