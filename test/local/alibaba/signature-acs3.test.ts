import { describe, expect, it } from 'vitest';
import {
  acs3CanonicalQuery,
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  EMPTY_BODY_SHA256,
  parseAcs3Authorization,
} from '../../../src/local/alibaba/signature-acs3.ts';

// The test vector of reference §2.1, generated with the SDK's own signer.
const query = new Map([
  ['RegionId', 'cn-hangzhou'],
  ['SnapshotIds', '["s-1","s-2"]'],
  ['Tag.1.Key', 'env'],
  ['Tag.1.Value', 'a b*'],
]);
const headers = {
  host: '127.0.0.1:8080',
  'x-acs-action': 'DescribeSnapshots',
  'x-acs-version': '2014-05-26',
  'x-acs-date': '2024-01-01T00:00:00Z',
  'x-acs-signature-nonce': 'nonce-123',
  'x-acs-content-sha256': EMPTY_BODY_SHA256,
  'x-acs-credentials-provider': 'static_ak',
};
const signedHeaders = Object.keys(headers).sort();
const canonicalRequest = acs3CanonicalRequest({
  method: 'POST',
  path: '/',
  query,
  headers,
  signedHeaders,
  payloadHash: EMPTY_BODY_SHA256,
});

describe('ACS3-HMAC-SHA256', () => {
  it('hashes the empty body as the SDK does', () => {
    expect(EMPTY_BODY_SHA256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('builds the canonical query of the reference vector', () => {
    expect(acs3CanonicalQuery(query)).toBe(
      'RegionId=cn-hangzhou&SnapshotIds=%5B%22s-1%22%2C%22s-2%22%5D&Tag.1.Key=env&Tag.1.Value=a%20b%2A',
    );
  });

  it('reproduces the reference string to sign and signature', () => {
    expect(acs3StringToSign(canonicalRequest)).toBe(
      'ACS3-HMAC-SHA256\n18f38a00614c311534808e0bbd83760953acebd3377820457f30628471d4b80e',
    );
    expect(acs3Signature(acs3StringToSign(canonicalRequest), 'testsecret')).toBe(
      '60d386925eddcd7bc71d9bf14a01d0bd65c3ecab62f97a2aeee2851fa5355b42',
    );
  });

  it('gives a different signature for a wrong secret', () => {
    expect(acs3Signature(acs3StringToSign(canonicalRequest), 'testsecreT')).not.toBe(
      '60d386925eddcd7bc71d9bf14a01d0bd65c3ecab62f97a2aeee2851fa5355b42',
    );
  });

  it('parses the Authorization header and refuses other schemes', () => {
    expect(
      parseAcs3Authorization('ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-date,Signature=abc'),
    ).toEqual({ accessKeyId: 'AKID', signedHeaders: ['host', 'x-acs-date'], signature: 'abc' });
    expect(parseAcs3Authorization('Bearer token')).toBeUndefined();
    expect(parseAcs3Authorization('ACS3-HMAC-SHA256 Credential=AKID')).toBeUndefined();
  });
});
