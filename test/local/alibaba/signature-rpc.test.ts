import { describe, expect, it } from 'vitest';
import { percentEncode } from '../../../src/local/alibaba/percent-encoding.ts';
import { rpcSignature, rpcStringToSign } from '../../../src/local/alibaba/signature-rpc.ts';

// The test vector of reference §2.2, generated with the SDK's own signer.
const params = new Map([
  ['Action', 'DescribeKey'],
  ['Format', 'json'],
  ['Timestamp', '2024-01-01T00:00:00Z'],
  ['Version', '2016-01-20'],
  ['SignatureNonce', 'nonce-123'],
  ['KeyId', 'alias/my key'],
  ['SignatureMethod', 'HMAC-SHA1'],
  ['SignatureVersion', '1.0'],
  ['AccessKeyId', 'AKID'],
]);
const EXPECTED_STRING_TO_SIGN =
  'POST&%2F&AccessKeyId%3DAKID%26Action%3DDescribeKey%26Format%3Djson%26KeyId%3Dalias%252Fmy%2520key%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-123%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2016-01-20';

describe('RPC HMAC-SHA1 signature', () => {
  it('reproduces the reference string to sign and signature', () => {
    expect(rpcStringToSign('POST', params)).toBe(EXPECTED_STRING_TO_SIGN);
    expect(rpcSignature(EXPECTED_STRING_TO_SIGN, 'testsecret')).toBe('qHEwHAUZcFGyHAWj1Y2ZmIyqQUg=');
  });

  it('leaves the Signature parameter out of what it signs', () => {
    const withSignature = new Map([...params, ['Signature', 'anything']]);
    expect(rpcStringToSign('POST', withSignature)).toBe(EXPECTED_STRING_TO_SIGN);
  });

  it('gives a different signature for a wrong secret', () => {
    expect(rpcSignature(EXPECTED_STRING_TO_SIGN, 'wrongsecret')).not.toBe('qHEwHAUZcFGyHAWj1Y2ZmIyqQUg=');
  });

  it('percent-encodes as RFC 3986 with the extra characters of reference §2.3', () => {
    expect(percentEncode("a b!'()*~/+é")).toBe('a%20b%21%27%28%29%2A~%2F%2B%C3%A9');
  });
});
