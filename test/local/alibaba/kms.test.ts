import * as $Kms from '@alicloud/kms20160120';
import { describe, expect, it } from 'vitest';
import { kmsClient, kmsRequest, rejectionOf } from './support/sdk-clients.ts';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn({ fresh: 'each' });

function describeKey(keyId: string, regionId = 'cn-hangzhou') {
  return kmsClient(standIn(), regionId).describeKey(new $Kms.DescribeKeyRequest({ keyId }));
}

describe('DescribeKey', () => {
  it('describes a key by ID, alias or ARN, every field a string, with a lowercase RequestId', async () => {
    const byId = await describeKey('key-hzz62b7app0data0001');
    const byAlias = await describeKey('alias/prod-db');
    const byArn = await describeKey('acs:kms:cn-hangzhou:5123456789012345:key/key-hzz62b7app0data0001');
    for (const reply of [byId, byAlias, byArn]) {
      expect(reply.keyMetadata).toMatchObject({
        keyId: 'key-hzz62b7app0data0001',
        arn: 'acs:kms:cn-hangzhou:5123456789012345:key/key-hzz62b7app0data0001',
        keyState: 'Enabled',
        keySpec: 'Aliyun_AES_256',
        keyUsage: 'ENCRYPT/DECRYPT',
        creator: '5123456789012345',
      });
    }
    expect(byId.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const raw = await kmsRequest(kmsClient(standIn()), 'DescribeKey', { KeyId: 'alias/retired' });
    const metadata = raw.KeyMetadata as Record<string, unknown>;
    expect(Object.values(metadata).every((value) => typeof value === 'string')).toBe(true);
    expect(metadata).toMatchObject({ KeyState: 'PendingDeletion', DeleteDate: expect.stringMatching(/Z$/) });
  });

  it('describes the asymmetric key and the ECS service key', async () => {
    expect((await describeKey('alias/code-signing')).keyMetadata).toMatchObject({
      keySpec: 'RSA_2048',
      keyUsage: 'SIGN/VERIFY',
    });
    expect((await describeKey('alias/acs/ecs', 'ap-southeast-1')).keyMetadata).toMatchObject({
      keyId: 'key-t4necsservice00001',
      creator: 'Ecs',
    });
  });

  it('keeps aliases per region: alias/dr-backup is a different key in each region', async () => {
    expect((await describeKey('alias/dr-backup', 'cn-shanghai')).keyMetadata.keyId).toBe(
      'key-uf6drbackup0000001',
    );
    expect((await describeKey('alias/dr-backup', 'ap-southeast-1')).keyMetadata.keyId).toBe(
      'key-t4ndrbackup0000001',
    );
  });

  it('answers Forbidden.KeyNotFound and Forbidden.AliasNotFound (404), also for a key of another region', async () => {
    const missingKey = await rejectionOf(describeKey('key-uf6drbackup0000001', 'cn-hangzhou'));
    expect(missingKey.code).toBe('Forbidden.KeyNotFoundError');
    expect(missingKey.data).toMatchObject({
      Code: 'Forbidden.KeyNotFound',
      HostId: 'kms.cn-hangzhou.aliyuncs.com',
    });
    const missingAlias = await rejectionOf(describeKey('alias/dr-backup', 'cn-hangzhou'));
    expect(missingAlias.data).toMatchObject({ Code: 'Forbidden.AliasNotFound' });
    const missingParameter = await rejectionOf(kmsRequest(kmsClient(standIn()), 'DescribeKey'));
    expect(missingParameter.data).toMatchObject({ Code: 'MissingParameter' });
  });

  it('reports a state change made through the world', async () => {
    standIn().world.setKeyState('key-hzz62b7app0data0001', 'Disabled');
    expect((await describeKey('alias/app-data')).keyMetadata.keyState).toBe('Disabled');
  });

  it('uses the first region of the world when the user-agent names none, and refuses an unknown one', async () => {
    const reply = await kmsClient(standIn(), undefined).describeKey(
      new $Kms.DescribeKeyRequest({ keyId: 'alias/app-data' }),
    );
    expect(reply.keyMetadata.keyId).toBe('key-hzz62b7app0data0001');
    const unknown = await rejectionOf(describeKey('alias/app-data', 'mars-north-1'));
    expect(unknown.data).toMatchObject({ Code: 'InvalidParameter' });
  });
});

describe('listing keys and aliases', () => {
  it('lists the keys of the request’s region with PageNumber/PageSize paging', async () => {
    const client = kmsClient(standIn(), 'cn-hangzhou');
    const first = await client.listKeys(new $Kms.ListKeysRequest({ pageNumber: 1, pageSize: 4 }));
    const second = await client.listKeys(new $Kms.ListKeysRequest({ pageNumber: 2, pageSize: 4 }));
    const hangzhou = standIn().world.keysIn('cn-hangzhou');
    expect(first.totalCount).toBe(hangzhou.length);
    expect([...first.keys.key, ...second.keys.key].map((k) => k.keyId)).toEqual(hangzhou.map((k) => k.keyId));
    expect(first.keys.key[0]?.keyArn).toBe(hangzhou[0]?.arn);
  });

  it('defaults ListKeys to 10 per page and refuses a PageSize over 100', async () => {
    const client = kmsClient(standIn());
    expect((await client.listKeys(new $Kms.ListKeysRequest({}))).pageSize).toBe(10);
    const error = await rejectionOf(client.listKeys(new $Kms.ListKeysRequest({ pageSize: 101 })));
    expect(error.data).toMatchObject({ Code: 'InvalidParameter' });
  });

  it('lists aliases, including alias/acs/ecs, and the aliases of one key', async () => {
    const client = kmsClient(standIn(), 'cn-shanghai');
    const all = await client.listAliases(new $Kms.ListAliasesRequest({ pageSize: 100 }));
    expect(all.aliases.alias.map((a) => a.aliasName)).toEqual(
      expect.arrayContaining(['alias/acs/ecs', 'alias/dr-backup', 'alias/dr-archive', 'alias/dr-old']),
    );
    expect(all.aliases.alias.find((a) => a.aliasName === 'alias/dr-backup')).toEqual({
      keyId: 'key-uf6drbackup0000001',
      aliasName: 'alias/dr-backup',
      aliasArn: 'acs:kms:cn-shanghai:5123456789012345:alias/dr-backup',
    });
    const hangzhou = kmsClient(standIn(), 'cn-hangzhou');
    const ofKey = await hangzhou.listAliasesByKeyId(
      new $Kms.ListAliasesByKeyIdRequest({ keyId: 'key-hzz62b7app0data0001' }),
    );
    expect(ofKey.aliases.alias.map((a) => a.aliasName)).toEqual(['alias/app-data', 'alias/prod-db']);
  });

  it('lists the regions (KMS answers DescribeRegions differently from ECS)', async () => {
    const reply = await kmsClient(standIn()).describeRegions(new $Kms.DescribeRegionsRequest({}));
    expect(reply.regions.region).toEqual([
      { regionId: 'cn-hangzhou' },
      { regionId: 'cn-shanghai' },
      { regionId: 'ap-southeast-1' },
      { regionId: 'cn-nanjing' },
    ]);
  });
});

describe('KMS activation', () => {
  it('reports the account status through DescribeAccountKmsStatus', async () => {
    expect(await kmsRequest(kmsClient(standIn()), 'DescribeAccountKmsStatus')).toMatchObject({
      AccountStatus: 'Enabled',
    });
  });

  it('refuses every other KMS call with Forbidden.KmsServiceNotEnabled (403) while not activated', async () => {
    standIn().world.setKmsStatus('NotEnabled');
    const client = kmsClient(standIn());
    expect(await kmsRequest(client, 'DescribeAccountKmsStatus')).toMatchObject({
      AccountStatus: 'NotEnabled',
    });
    for (const call of [
      client.describeKey(new $Kms.DescribeKeyRequest({ keyId: 'alias/app-data' })),
      client.listKeys(new $Kms.ListKeysRequest({})),
      client.listAliases(new $Kms.ListAliasesRequest({})),
      client.describeRegions(new $Kms.DescribeRegionsRequest({})),
    ]) {
      const error = await rejectionOf(call);
      expect(error.code).toBe('Forbidden.KmsServiceNotEnabledError');
      expect(error.message).toContain('code: 403');
    }
  });

  it('answers an unknown KMS action with InvalidAction.NotFound', async () => {
    const error = await rejectionOf(kmsRequest(kmsClient(standIn()), 'Encrypt', { KeyId: 'alias/app-data' }));
    expect(error.data).toMatchObject({ Code: 'InvalidAction.NotFound' });
  });
});
