import type { Logger } from '../../observability/logger.ts';
import { type CloudCallObserver, NO_CLOUD_CALL_OBSERVER } from '../cloud-call-observer.ts';
import type { CloudError } from '../cloud-error.ts';
import { retryAfterMs, toCloudError } from './error-mapping.ts';
import type { RetryPolicy } from './gateway-options.ts';

/** Runs one cloud action; every failure leaves as a CloudError. */
export type CloudCaller = <T>(action: string, attempt: () => Promise<T>) => Promise<T>;

type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Equal jitter: at least half of the exponential step, so retries of many callers spread out
 * without ever retrying at once.
 */
export function backoffDelayMs(policy: RetryPolicy, retryNumber: number, serverHintMs?: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  const jittered = step / 2 + Math.random() * (step / 2);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, serverHintMs ?? 0)));
}

function logFields(error: CloudError, attempt: number) {
  return {
    action: error.action,
    code: error.code,
    httpStatus: error.httpStatus,
    requestId: error.requestId,
    attempt,
  };
}

/**
 * The gateway's own retry loop, the same for ECS and KMS (the KMS SDK never retries and the ECS
 * SDK's retries are off). Only retryable failures are repeated; the attempt function must send
 * the identical request each time, which keeps CopySnapshot on its original ClientToken.
 */
export function createCloudCaller(
  policy: RetryPolicy,
  logger: Logger,
  {
    observer = NO_CLOUD_CALL_OBSERVER,
    sleep = realSleep,
  }: { observer?: CloudCallObserver; sleep?: Sleep } = {},
): CloudCaller {
  return async (action, attempt) => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        observer.sent(action);
        return await attempt();
      } catch (thrown) {
        const error = toCloudError(action, thrown);
        observer.failed(action, error.code);
        if (!error.retryable) {
          // Often an answer rather than a fault (a key or snapshot that is not there); the caller decides.
          logger.info('cloud call refused', logFields(error, attemptNumber));
          throw error;
        }
        if (attemptNumber >= policy.maxAttempts) {
          logger.warn('cloud call failed after retries', logFields(error, attemptNumber));
          throw error;
        }
        const delayMs = backoffDelayMs(policy, attemptNumber, retryAfterMs(thrown));
        logger.info('cloud call retrying', { ...logFields(error, attemptNumber), delayMs });
        await sleep(delayMs);
      }
    }
  };
}
