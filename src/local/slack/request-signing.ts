/** Slack's v0 request signature: HMAC-SHA256 over "v0:<timestamp>:<raw body>" with the signing secret. */
import { createHmac, randomBytes } from 'node:crypto';

/** Bolt rejects timestamps older than five minutes; a stale request is a little older than that. */
const STALE_BY_SECONDS = 6 * 60;

/**
 * How a request to the app is signed: properly, or wrongly on purpose to test that the app refuses
 * it (a signature made with another secret, a timestamp outside the replay window, no headers).
 */
export type SigningMode = 'valid' | 'forgedSignature' | 'staleTimestamp' | 'unsigned';

export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export function signatureHeaders(
  secret: string,
  body: string,
  mode: SigningMode = 'valid',
  nowMs: number = Date.now(),
): Record<string, string> {
  if (mode === 'unsigned') return {};
  const now = Math.floor(nowMs / 1000);
  const timestamp = mode === 'staleTimestamp' ? now - STALE_BY_SECONDS : now;
  const key = mode === 'forgedSignature' ? randomBytes(16).toString('hex') : secret;
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(key, timestamp, body),
  };
}
