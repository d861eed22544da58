import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { type SigningMode, signatureHeaders } from '../../../src/local/slack/request-signing.ts';

const secret = 'a-signing-secret-for-tests';
const body = 'token=x&command=%2Fsnapcopy&text=help';

/** Bolt's own verifier, independent of ours, decides. */
function boltAccepts(mode: SigningMode): boolean {
  const headers = signatureHeaders(secret, body, mode);
  try {
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'] ?? '',
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
    });
    return true;
  } catch {
    return false;
  }
}

describe('request signing', () => {
  it('signs so that Bolt verifies the request', () => {
    expect(boltAccepts('valid')).toBe(true);
  });

  it('produces requests Bolt refuses when asked to forge or to be stale', () => {
    expect(boltAccepts('forgedSignature')).toBe(false);
    expect(boltAccepts('staleTimestamp')).toBe(false);
    expect(signatureHeaders(secret, body, 'unsigned')).toEqual({});
  });

  it('never puts the secret in the headers', () => {
    expect(JSON.stringify(signatureHeaders(secret, body))).not.toContain(secret);
  });
});
