/** One back-off rule for every retry the workflow makes: cloud steps, store writes, deliveries. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Exponential in the attempt number (1 = first retry), capped at maxMs. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}
