import * as $Ecs from '@alicloud/ecs20140526';
import * as $Kms from '@alicloud/kms20160120';
import { describe, expect, it } from 'vitest';
import { LOCAL_ACCESS_KEY } from '../../../src/local/alibaba/index.ts';
import { EMPTY_BODY_SHA256 } from '../../../src/local/alibaba/signature-acs3.ts';
import { type RawCall, sendRaw, VERSIONS } from './support/raw-requests.ts';
import { ecsClient, kmsClient, rejectionOf } from './support/sdk-clients.ts';
import { useStandIn } from './support/stand-in.ts';

const STS = {
  accessKeyId: 'STS.LocalStandInRole01',
  accessKeySecret: 'sts-local-secret',
  securityToken: 'token-1',
};
const standIn = useStandIn({ accessKeys: [LOCAL_ACCESS_KEY, STS] });
const regions = new $Ecs.DescribeRegionsRequest({});
const wrongSecret = { accessKeyId: LOCAL_ACCESS_KEY.accessKeyId, accessKeySecret: 'not-the-secret' };
const unknownKey = { accessKeyId: 'LTAI5tNobodyKnowsMe', accessKeySecret: 'whatever' };

describe('ACS3 requests from the ECS SDK', () => {
  it('are accepted with the right secret', async () => {
    const { statusCode } = await ecsClient(standIn()).describeRegions(regions);
    expect(statusCode).toBe(200);
  });

  it('are refused with SignatureDoesNotMatch for a wrong secret, without echoing any secret', async () => {
    const error = await rejectionOf(ecsClient(standIn(), wrongSecret).describeRegions(regions));
    expect(error).toMatchObject({ name: 'ClientError', code: 'SignatureDoesNotMatch', statusCode: 400 });
    expect(JSON.stringify(error.data)).not.toContain('not-the-secret');
    expect(JSON.stringify(error.data)).not.toContain(LOCAL_ACCESS_KEY.accessKeySecret);
  });

  it('are refused with InvalidAccessKeyId.NotFound for an unknown AccessKey', async () => {
    const error = await rejectionOf(ecsClient(standIn(), unknownKey).describeRegions(regions));
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
  });

  it('accept an STS credential carrying its security token', async () => {
    const { statusCode } = await ecsClient(standIn(), STS).describeRegions(regions);
    expect(statusCode).toBe(200);
    const wrongToken = ecsClient(standIn(), { ...STS, securityToken: 'token-2' });
    expect(await rejectionOf(wrongToken.describeRegions(regions))).toMatchObject({
      code: 'InvalidSecurityToken.Mismatch',
    });
  });
});

describe('RPC (HMAC-SHA1) requests from the KMS SDK', () => {
  const describeKey = new $Kms.DescribeKeyRequest({ keyId: 'alias/app-data' });

  it('are accepted with the right secret', async () => {
    const reply = await kmsClient(standIn()).describeKey(describeKey);
    expect(reply.keyMetadata.keyId).toBe('key-hzz62b7app0data0001');
  });

  it('are refused with SignatureDoesNotMatch for a wrong secret', async () => {
    const error = await rejectionOf(
      kmsClient(standIn(), 'cn-hangzhou', wrongSecret).describeKey(describeKey),
    );
    expect(error.code).toBe('SignatureDoesNotMatchError');
    expect(error.data).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(JSON.stringify(error.data)).not.toContain('not-the-secret');
  });

  it('accept an STS credential through the SecurityToken parameter, and refuse a wrong token', async () => {
    const reply = await kmsClient(standIn(), 'cn-hangzhou', STS).describeKey(describeKey);
    expect(reply.keyMetadata.keyId).toBe('key-hzz62b7app0data0001');
    const wrong = kmsClient(standIn(), 'cn-hangzhou', { ...STS, securityToken: 'token-2' });
    expect((await rejectionOf(wrong.describeKey(describeKey))).data).toMatchObject({
      Code: 'InvalidSecurityToken.Mismatch',
    });
    expect(JSON.stringify(standIn().calls.all())).not.toContain('token-1');
  });

  it('are refused with InvalidAccessKeyId.NotFound for an unknown AccessKey', async () => {
    const error = await rejectionOf(kmsClient(standIn(), 'cn-hangzhou', unknownKey).describeKey(describeKey));
    expect(error.data).toMatchObject({ Code: 'InvalidAccessKeyId.NotFound' });
  });
});

describe('replay and clock-skew protection', () => {
  const staleDate = () => new Date(Date.now() - 16 * 60_000);

  it.each(['acs3', 'rpc'] as const)('refuses a %s timestamp older than 15 minutes', async (signing) => {
    const reply = await sendRaw(standIn(), {
      signing,
      version: VERSIONS.ecs,
      action: 'DescribeRegions',
      date: staleDate(),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.Code).toBe('InvalidTimeStamp.Expired');
  });

  it.each(['acs3', 'rpc'] as const)('refuses a reused %s signature nonce', async (signing) => {
    const call = { signing, version: VERSIONS.kms, action: 'DescribeRegions', nonce: `nonce-${signing}-1` };
    expect((await sendRaw(standIn(), call)).status).toBe(200);
    const replay = await sendRaw(standIn(), call);
    expect(replay.status).toBe(400);
    expect(replay.body.Code).toBe('SignatureNonceUsed');
  });

  it.each<[string, Partial<RawCall>, string]>([
    [
      'a body that does not match x-acs-content-sha256',
      { contentSha256: EMPTY_BODY_SHA256, body: 'not empty' },
      'SignatureDoesNotMatch',
    ],
    [
      'an x-acs-* header that the signature does not cover',
      { unsignedHeaders: { 'x-acs-security-token': 'slipped-in' } },
      'IncompleteSignature',
    ],
    [
      'a request whose signed action was swapped in transit',
      { unsignedHeaders: { 'x-acs-action': 'DescribeDisks' } },
      'SignatureDoesNotMatch',
    ],
    ['an unsigned request', { signing: 'none' }, 'MissingParameter'],
  ])('refuses %s', async (_case, tampering, code) => {
    const reply = await sendRaw(standIn(), {
      version: VERSIONS.ecs,
      action: 'DescribeRegions',
      ...tampering,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.Code).toBe(code);
  });
});

describe('ECS with the legacy v2 signature', () => {
  it('is verified by the query-signature path', async () => {
    const client = ecsClient(standIn(), { signatureAlgorithm: 'v2' });
    const { body } = await client.describeRegions(regions);
    expect(body?.regions?.region?.map((r) => r.regionId)).toContain('cn-nanjing');
  });
});
