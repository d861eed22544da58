/** A step's error as the machine records it: plain JSON, the cloud's code and hint, never a message. */
import { isCloudError } from '../cloud/cloud-error.ts';
import type { Logger } from '../observability/logger.ts';
import type { StepFailure } from './copy-request-context.ts';

export function stepFailureFrom(error: unknown, at: number, logger: Logger, step: string): StepFailure {
  if (isCloudError(error)) {
    return {
      code: error.code,
      hint: error.hint,
      retryable: error.retryable,
      ...(error.requestId ? { cloudRequestId: error.requestId } : {}),
      at,
    };
  }
  logger.error('workflow step failed unexpectedly', { step, error });
  return {
    code: 'InternalError',
    hint: 'snapcopy hit an unexpected error in this step; the operator can find the details in its log.',
    retryable: false,
    at,
  };
}
