import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../src/cloud/alibaba/error-hints.ts';
import { toCloudError } from '../../../src/cloud/alibaba/error-mapping.ts';

const SIGNED_URL =
  'http://127.0.0.1:9/?Action=DescribeKey&AccessKeyId=AKID&SecurityToken=sts-token-value&Signature=abc%3D';

describe('toCloudError', () => {
  it('reads a KMS error: the code without its "Error" suffix, the status, the request ID', () => {
    const kmsError = Object.assign(
      new Error(
        `Forbidden.KeyNotFoundError: code: 404, The specified Key is not found. requestid: r-1 ${SIGNED_URL}`,
      ),
      { code: 'Forbidden.KeyNotFoundError', data: { Code: 'Forbidden.KeyNotFound', RequestId: 'r-1' } },
    );
    const error = toCloudError('DescribeKey', kmsError);
    expect(error.toJSON()).toMatchObject({
      action: 'DescribeKey',
      code: 'Forbidden.KeyNotFound',
      httpStatus: 404,
      requestId: 'r-1',
      retryable: false,
    });
    expect(error.hint).toMatch(/not found in the destination region/);
    for (const text of [error.message, JSON.stringify(error), error.hint]) {
      expect(text).not.toContain('sts-token-value');
      expect(text).not.toContain('Signature');
    }
  });

  it('treats a read timeout as retryable without repeating its URL', () => {
    const timeout = Object.assign(new Error(`ReadTimeout(300). POST ${SIGNED_URL} failed.`), {
      name: 'RequestTimeoutError',
    });
    const error = toCloudError('ListKeys', timeout);
    expect(error).toMatchObject({ code: 'RequestTimeout', retryable: true });
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('calls a reply that is not JSON an invalid response', () => {
    const error = toCloudError(
      'DescribeRegions',
      new SyntaxError('Unexpected token < in JSON at position 0'),
    );
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: true });
  });

  it('names a failed credential chain instead of an unknown error', () => {
    const error = toCloudError(
      'DescribeRegions',
      new Error('unable to get credentials from any of the providers in the chain: ...'),
    );
    expect(error).toMatchObject({ code: 'CredentialsUnavailable', retryable: false });
    expect(error.hint).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('falls back to the HTTP status when the error body has no code', () => {
    const error = toCloudError(
      'DescribeKey',
      Object.assign(new Error('undefinedError: code: 502, x'), { code: 'undefinedError', data: {} }),
    );
    expect(error).toMatchObject({ code: 'Http502', httpStatus: 502, retryable: true });
  });
});

describe('hintFor', () => {
  it.each([
    'InvalidSnapshotId.NotFound',
    'InvalidSnapshotId.NotReady',
    'InvalidSnapshotCategory.NotSupportCopy',
    'InvalidOperation.NotSupportCopyInSameRegion',
    'InvalidEncrypted.NotSupportDecrypt',
    'InvalidParameter.KmsNotEnabled',
    'InvalidParameter.KMSKeyId.NotFound',
    'InvalidParameter.KMSKeyId.CMKNotEnabled',
    'InvalidKMSKeyId.NotSymmetric',
    'InvalidRegionId.NotSupportedEncryptedSnapshotCopy',
    'InvalidOperation.UnfinishedCrossRegionCopy',
    'IdempotentParameterMismatch',
    'QuotaExceed.SnapshotQuota',
    'Forbidden.RAM',
    'InvalidAccessKeyId.NotFound',
    'SignatureDoesNotMatch',
    'Throttling.User',
    'InternalError',
  ])('explains %s in its own words', (code) => {
    expect(hintFor(code)).not.toContain('Look the code up');
  });

  it('points an unknown code to the troubleshooting page', () => {
    expect(hintFor('Some.NewCode')).toContain('q=Some.NewCode');
  });
});
