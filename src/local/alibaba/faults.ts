/**
 * Fault injection for tests: the next matching calls are throttled, fail with a 5xx, answer late or
 * lose their connection, so the gateway's retry and timeout handling can be proven against the wire.
 */
import { ApiError } from './api-error.ts';
import type { Product } from './wire.ts';

export type FaultKind = 'throttle' | 'serverError' | 'delay' | 'drop';

export interface FaultRule {
  /** Only calls of this action (any product unless `product` is set); all actions when unset. */
  action?: string;
  product?: Product;
  kind: FaultKind;
  /** How many matching calls the fault hits; every matching call until `clear()` when unset. */
  times?: number;
  /** For `delay`: how long the reply is held back (default 5000 ms of real time). */
  delayMs?: number;
  /** For `throttle`: sent as `x-acs-retry-after` (milliseconds, as the ECS SDK reads it). */
  retryAfterMs?: number;
  /** For `serverError`: 500 (default) or 503. */
  status?: 500 | 503;
}

const DEFAULT_DELAY_MS = 5000;

export class FaultInjector {
  private rules: { rule: FaultRule; left: number }[] = [];

  inject(rule: FaultRule): void {
    if (rule.times !== undefined && rule.times < 1) return;
    this.rules.push({ rule: { ...rule }, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules that still have calls to hit. */
  pending(): FaultRule[] {
    return this.rules.map(({ rule }) => rule);
  }

  /** The fault for this call, if any; consumes one of its times. */
  take(product: Product, action: string): FaultRule | undefined {
    const entry = this.rules.find(
      ({ rule }) =>
        (rule.action === undefined || rule.action === action) && (rule.product ?? product) === product,
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((candidate) => candidate !== entry);
    return entry.rule;
  }
}

export function faultDelayMs(rule: FaultRule): number {
  return rule.delayMs ?? DEFAULT_DELAY_MS;
}

/** The error a throttle or serverError fault answers with, in the product's own codes (reference §3.5, §7.4). */
export function faultError(rule: FaultRule, product: Product): ApiError {
  if (rule.kind === 'throttle') {
    const headers: Record<string, string> =
      rule.retryAfterMs === undefined ? {} : { 'x-acs-retry-after': String(rule.retryAfterMs) };
    return product === 'ecs'
      ? new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.', headers)
      : new ApiError(400, 'Throttling', 'Request was denied due to request throttling.', headers);
  }
  if (rule.status === 503) {
    return product === 'ecs'
      ? new ApiError(
          503,
          'ServiceUnavailable',
          'The request has failed due to a temporary failure of the server.',
        )
      : new ApiError(503, 'SerivceUnavailableTemporary', 'Service is temporarily unavailable.');
  }
  return product === 'ecs'
    ? new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error.')
    : new ApiError(500, 'InternalFailure', 'The request processing has failed due to some unknown error.');
}
