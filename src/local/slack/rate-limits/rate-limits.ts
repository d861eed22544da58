/**
 * The stand-in's rate limiter: one token bucket per method (and per channel for
 * chat.postMessage), refilled continuously at the method's published rate. A refused call
 * consumes nothing and learns how many whole seconds until a token is there (Retry-After, as
 * Slack sends it). On by default; a test or the demo may switch it off.
 */
import type { Clock } from '../slack-ids.ts';
import {
  type Allowance,
  METHOD_LIMITS,
  POST_MESSAGE_PER_CHANNEL,
  POST_MESSAGE_PER_WORKSPACE,
} from './published-limits.ts';

interface Bucket {
  allowance: Allowance;
  tokens: number;
  at: number;
}

export class RateLimits {
  enabled: boolean;
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;

  constructor(clock: Clock, enabled: boolean) {
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Undefined when the call may go on (and is counted); else the seconds to wait. */
  refusal(method: string, channel: string | undefined): { retryAfterSeconds: number } | undefined {
    if (!this.enabled) return undefined;
    const buckets = this.bucketsFor(method, channel);
    const now = this.clock();
    for (const bucket of buckets) refill(bucket, now);
    const empty = buckets.filter((bucket) => bucket.tokens < 1);
    if (empty.length > 0) {
      const waitMs = Math.max(
        ...empty.map((bucket) => ((1 - bucket.tokens) * 60_000) / bucket.allowance.perMinute),
      );
      return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    for (const bucket of buckets) bucket.tokens -= 1;
    return undefined;
  }

  private bucketsFor(method: string, channel: string | undefined): Bucket[] {
    if (method === 'chat.postMessage') {
      return [
        this.bucket(`${method}@${channel ?? ''}`, POST_MESSAGE_PER_CHANNEL),
        this.bucket(method, POST_MESSAGE_PER_WORKSPACE),
      ];
    }
    const allowance = METHOD_LIMITS[method];
    return allowance ? [this.bucket(method, allowance)] : [];
  }

  private bucket(key: string, allowance: Allowance): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { allowance, tokens: allowance.burst, at: this.clock() };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

function refill(bucket: Bucket, now: number): void {
  const earned = ((now - bucket.at) * bucket.allowance.perMinute) / 60_000;
  bucket.tokens = Math.min(bucket.allowance.burst, bucket.tokens + earned);
  bucket.at = now;
}
