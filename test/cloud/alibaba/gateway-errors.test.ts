import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCloudError } from '../../../src/cloud/cloud-error.ts';
import type { CloudGateway, CopySnapshotCall } from '../../../src/cloud/cloud-gateway.ts';
import type { AlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { startStandInGateway } from './stand-in-gateway.ts';

let standIn: AlibabaStandIn;
let gateway: CloudGateway;
let logLines: string[];

beforeAll(async () => {
  ({ standIn, gateway, logLines } = await startStandInGateway());
});

afterAll(async () => {
  await standIn.close();
});

async function failureOf(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isCloudError(error)) throw new Error(`expected a CloudError, got ${String(error)}`);
  return error;
}

/** Everything of an error that could travel: message, JSON, hint. */
function visibleText(error: Error): string {
  return `${error.message} ${JSON.stringify(error)}`;
}

const copy: CopySnapshotCall = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000001',
  destinationRegionId: 'cn-shanghai',
  name: 'web-01-copy',
  description: 'Copy of web-01',
  encrypted: false,
  tags: [],
  clientToken: 'errors-1',
};

describe('refusals of CopySnapshot', () => {
  it.each([
    [
      'an unknown snapshot',
      { sourceSnapshotId: 's-bp1doesnotexist0001' },
      'InvalidSnapshotId.NotFound',
      /does not exist/,
    ],
    [
      'an archived snapshot',
      { sourceSnapshotId: 's-bp1logs01archive001' },
      'InvalidSnapshotCategory.NotSupportCopy',
      /Archived/,
    ],
    [
      'a standard copy within the region',
      { destinationRegionId: 'cn-hangzhou' },
      'InvalidOperation.NotSupportCopyInSameRegion',
      /another region/,
    ],
    [
      'a standard copy of an encrypted snapshot',
      { sourceSnapshotId: 's-bp1db01data00000001' },
      'InvalidEncrypted.NotSupportDecrypt',
      /Copy and Encrypt/,
    ],
    [
      'an encrypted copy to Nanjing',
      { destinationRegionId: 'cn-nanjing', encrypted: true },
      'InvalidRegionId.NotSupportedEncryptedSnapshotCopy',
      /Nanjing/,
    ],
    [
      'a disabled key',
      { encrypted: true, kmsKeyId: 'alias/dr-old' },
      'InvalidParameter.KMSKeyId.CMKNotEnabled',
      /not enabled/,
    ],
  ])(
    'maps %s to a CloudError with code, status, request ID and hint, without retrying',
    async (_case, change, code, hint) => {
      const before = standIn.calls.count('CopySnapshot');
      const error = await failureOf(
        gateway.copySnapshot({ ...copy, ...change, clientToken: `errors-${code}` }),
      );
      expect(error.toJSON()).toMatchObject({
        action: 'CopySnapshot',
        code,
        httpStatus: 403,
        retryable: false,
      });
      expect(error.requestId).toMatch(/^[0-9A-F-]{36}$/);
      expect(error.hint).toMatch(hint);
      expect(standIn.calls.count('CopySnapshot') - before).toBe(1);
    },
  );
});

describe('KMS errors', () => {
  it('maps a KMS refusal without the signed URL or the AccessKey reaching the error or the log', async () => {
    standIn.world.setKmsStatus('NotEnabled');
    try {
      logLines.length = 0;
      const error = await failureOf(gateway.listKeys('cn-shanghai'));
      expect(error.toJSON()).toMatchObject({
        action: 'ListKeys',
        code: 'Forbidden.KmsServiceNotEnabled',
        httpStatus: 403,
        retryable: false,
      });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.hint).toMatch(/KMS is not activated/);
      for (const text of [visibleText(error), ...logLines]) {
        expect(text).not.toContain('Signature');
        expect(text).not.toContain(standIn.credentials.accessKeyId);
        expect(text).not.toContain(standIn.credentials.accessKeySecret);
        expect(text).not.toContain('Kms service is not Enabled');
      }
      expect(logLines.join('\n')).toContain('Forbidden.KmsServiceNotEnabled');
    } finally {
      standIn.world.setKmsStatus('Enabled');
    }
  });

  it('keeps an STS token out of the error and the log', async () => {
    const sts = {
      accessKeyId: 'STS.LocalTemporaryKey01',
      accessKeySecret: 'sts-secret-value-0001',
      securityToken: 'sts-security-token-value-0001',
    };
    const started = await startStandInGateway({ credential: sts }, { accessKeys: [sts] });
    try {
      await expect(started.gateway.describeKey('cn-hangzhou', 'alias/prod-db')).resolves.toMatchObject({
        keyId: 'key-hzz62b7app0data0001',
      });
      started.standIn.world.setKmsStatus('NotEnabled');
      const error = await failureOf(started.gateway.describeKey('cn-hangzhou', 'alias/prod-db'));
      expect(error.code).toBe('Forbidden.KmsServiceNotEnabled');
      for (const text of [visibleText(error), ...started.logLines]) {
        expect(text).not.toContain(sts.securityToken);
        expect(text).not.toContain(sts.accessKeySecret);
      }
    } finally {
      await started.standIn.close();
    }
  });
});

describe('wrong credentials', () => {
  it.each<[string, { id?: string; secret?: string }, string, number]>([
    ['a wrong secret', { secret: 'not-the-right-secret' }, 'SignatureDoesNotMatch', 400],
    ['an unknown AccessKey ID', { id: 'LTAI5tNobodyKnowsThis1' }, 'InvalidAccessKeyId.NotFound', 404],
  ])('turns %s into a non-retryable CloudError on ECS and on KMS', async (_case, wrong, code, httpStatus) => {
    const started = await startStandInGateway({
      credential: {
        accessKeyId: wrong.id ?? standIn.credentials.accessKeyId,
        accessKeySecret: wrong.secret ?? standIn.credentials.accessKeySecret,
      },
      ecsEndpoint: standIn.endpoint,
      kmsEndpoint: standIn.endpoint,
    });
    await started.standIn.close();
    for (const attempt of [started.gateway.listRegions(), started.gateway.listKeys('cn-hangzhou')]) {
      const error = await failureOf(attempt);
      expect(error).toMatchObject({ code, httpStatus, retryable: false });
      expect(error.hint).toMatch(/AccessKey/);
      expect(visibleText(error)).not.toContain(standIn.credentials.accessKeySecret);
    }
    // Refused on the first attempt: no retry was ever scheduled.
    expect(started.logLines.filter((line) => line.includes('retrying'))).toEqual([]);
  });
});
