import { describe, expect, it } from 'vitest';
import { type RawCall, sendRaw, VERSIONS } from './support/raw-requests.ts';
import { useStandIn } from './support/stand-in.ts';

const standIn = useStandIn();

const copyParams = {
  RegionId: 'cn-hangzhou',
  SnapshotId: 's-bp1web01sys00000002',
  DestinationRegionId: 'cn-shanghai',
  DestinationSnapshotName: 'web-copy',
  DestinationSnapshotDescription: 'DR copy',
};

describe('malformed requests get Alibaba error bodies with real codes', () => {
  it.each<[string, RawCall, number, string]>([
    ['no version', { action: 'DescribeRegions' }, 400, 'MissingParameter'],
    ['an unknown version', { version: '2099-01-01', action: 'DescribeRegions' }, 400, 'InvalidVersion'],
    ['no action', { version: VERSIONS.ecs }, 400, 'MissingParameter'],
    [
      'an unknown ECS action',
      { version: VERSIONS.ecs, action: 'RunInstances' },
      404,
      'InvalidAction.NotFound',
    ],
    [
      'a KMS action sent as ECS',
      { version: VERSIONS.ecs, action: 'DescribeKey' },
      404,
      'InvalidAction.NotFound',
    ],
    [
      'another path',
      { version: VERSIONS.ecs, action: 'DescribeRegions', path: '/v2/regions' },
      404,
      'InvalidAction.NotFound',
    ],
    [
      'PUT',
      { version: VERSIONS.ecs, action: 'DescribeRegions', method: 'PUT' },
      403,
      'UnsupportedHTTPMethod',
    ],
    ['DELETE', { version: VERSIONS.kms, action: 'ListKeys', method: 'DELETE' }, 403, 'UnsupportedHTTPMethod'],
    [
      'a body over 1 MiB',
      { version: VERSIONS.ecs, action: 'DescribeRegions', body: Buffer.alloc(2 * 1024 * 1024, 97) },
      413,
      'RequestEntityTooLarge',
    ],
    [
      'an over-long value',
      { version: VERSIONS.ecs, action: 'DescribeSnapshots', params: { RegionId: 'r'.repeat(5000) } },
      400,
      'InvalidParameter',
    ],
    [
      'a non-numeric MaxResults',
      {
        version: VERSIONS.ecs,
        action: 'DescribeSnapshots',
        params: { RegionId: 'cn-hangzhou', MaxResults: 'ten' },
      },
      400,
      'InvalidParameter',
    ],
    [
      'a fractional PageNumber',
      {
        version: VERSIONS.ecs,
        action: 'DescribeSnapshots',
        params: { RegionId: 'cn-hangzhou', PageNumber: '1.5' },
      },
      400,
      'InvalidParameter',
    ],
    [
      'a non-boolean Encrypted',
      {
        version: VERSIONS.ecs,
        action: 'DescribeSnapshots',
        params: { RegionId: 'cn-hangzhou', Encrypted: 'yes' },
      },
      400,
      'InvalidParameter',
    ],
    [
      'SnapshotIds that are not JSON',
      {
        version: VERSIONS.ecs,
        action: 'DescribeSnapshots',
        params: { RegionId: 'cn-hangzhou', SnapshotIds: '["s-1",' },
      },
      403,
      'InvalidSnapshotIds.Malformed',
    ],
    [
      'DiskIds that are not JSON',
      { version: VERSIONS.ecs, action: 'DescribeDisks', params: { RegionId: 'cn-hangzhou', DiskIds: 'd-1' } },
      403,
      'InvalidDiskIds.Malformed',
    ],
    [
      'a non-numeric RetentionDays',
      { version: VERSIONS.ecs, action: 'CopySnapshot', params: { ...copyParams, RetentionDays: 'forever' } },
      403,
      'InvalidRetentionDays.Malformed',
    ],
    [
      'a non-ASCII ClientToken',
      { version: VERSIONS.ecs, action: 'CopySnapshot', params: { ...copyParams, ClientToken: 'jeton-é' } },
      400,
      'InvalidParameter',
    ],
    [
      'a ClientToken over 64 characters',
      {
        version: VERSIONS.ecs,
        action: 'CopySnapshot',
        params: { ...copyParams, ClientToken: 't'.repeat(65) },
      },
      400,
      'InvalidParameter',
    ],
    [
      'a CopySnapshot without a name',
      {
        version: VERSIONS.ecs,
        action: 'CopySnapshot',
        params: { ...copyParams, DestinationSnapshotName: '' },
      },
      400,
      'MissingParameter',
    ],
    [
      'a KMS page number of 0',
      { version: VERSIONS.kms, action: 'ListKeys', signing: 'rpc', params: { PageNumber: '0' } },
      400,
      'InvalidParameter',
    ],
    [
      'an inherited property as action',
      { version: VERSIONS.ecs, action: 'constructor' },
      404,
      'InvalidAction.NotFound',
    ],
    [
      'an inherited property as version',
      { version: 'constructor', action: 'DescribeRegions' },
      400,
      'InvalidVersion',
    ],
    [
      'a target URL parsers reject',
      { version: VERSIONS.ecs, action: 'DescribeRegions', path: '//' },
      404,
      'InvalidAction.NotFound',
    ],
    [
      'a garbled query',
      { version: VERSIONS.ecs, action: 'DescribeRegions', path: '/?RegionId=%E0%A4%A&&=' },
      400,
      'SignatureDoesNotMatch',
    ],
  ])('%s', async (_case, call, status, code) => {
    const reply = await sendRaw(standIn(), call);
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({
      RequestId: expect.any(String),
      HostId: expect.stringMatching(/\.aliyuncs\.com$/),
      Code: code,
      Message: expect.any(String),
      Recommend: expect.stringContaining(`q=${encodeURIComponent(code)}`),
    });
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(reply.headers['x-acs-request-id']).toBe(reply.body.RequestId);
  });

  it('keeps serving after all of them', async () => {
    const reply = await sendRaw(standIn(), { version: VERSIONS.ecs, action: 'DescribeRegions' });
    expect(reply.status).toBe(200);
  });
});

describe('well-formed variations the real gateway accepts', () => {
  it('answers GET as well as POST', async () => {
    const reply = await sendRaw(standIn(), {
      version: VERSIONS.ecs,
      action: 'DescribeRegions',
      method: 'GET',
    });
    expect(reply.status).toBe(200);
  });

  it('reads RPC parameters from a form body too', async () => {
    const reply = await sendRaw(standIn(), {
      version: VERSIONS.kms,
      action: 'DescribeKey',
      signing: 'rpc',
      form: { KeyId: 'alias/app-data' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ KeyMetadata: { KeyId: 'key-hzz62b7app0data0001' } });
  });

  it('routes on the Action and Version query parameters when the headers are absent', async () => {
    const reply = await sendRaw(standIn(), {
      version: VERSIONS.ecs,
      action: 'DescribeRegions',
      signing: 'rpc',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });
});
