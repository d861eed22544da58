import { CloudError } from '../cloud-error.ts';
import { hintFor } from './error-hints.ts';

/**
 * What the SDKs throw, read by duck typing: ECS raises ClientError/ServerError/ThrottlingError
 * from openapi-core (instanceof breaks with two installed copies), KMS a plain Error whose code
 * has "Error" appended, httpx transport errors carry a Node code or a RequestTimeoutError name.
 */
interface SdkFailure {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  retryAfter?: unknown;
  data?: { Code?: unknown; RequestId?: unknown; statusCode?: unknown } | null;
}

const RETRYABLE_TRANSPORT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'RequestTimeout',
  'InvalidResponse',
]);

function asFailure(error: unknown): SdkFailure {
  return typeof error === 'object' && error !== null ? error : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
}

/**
 * KMS errors have no statusCode property; the status is only inside the message
 * ("...: code: 404, ..."). Only that number is read from it: the message itself embeds the
 * signed URL and the STS token and must never travel further.
 */
function statusFromMessage(message: unknown): number | undefined {
  const match = typeof message === 'string' ? /\bcode: (\d{3}),/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

function isCredentialChainFailure(failure: SdkFailure): boolean {
  return typeof failure.message === 'string' && /unable to get credentials/i.test(failure.message);
}

function codeOf(failure: SdkFailure, httpStatus: number | undefined): string {
  const bodyCode = text(failure.data?.Code);
  if (bodyCode) return bodyCode;
  if (failure.name === 'RequestTimeoutError') return 'RequestTimeout';
  if (failure.name === 'SyntaxError') return 'InvalidResponse';
  if (isCredentialChainFailure(failure)) return 'CredentialsUnavailable';
  const sdkCode = text(failure.code)?.replace(/Error$/, '');
  // A KMS error body without Code yields the code "undefinedError".
  if (sdkCode && sdkCode !== 'undefined') return sdkCode;
  return httpStatus ? `Http${httpStatus}` : 'UnknownError';
}

function isRetryable(code: string, httpStatus: number | undefined): boolean {
  return code.includes('Throttling') || (httpStatus ?? 0) >= 500 || RETRYABLE_TRANSPORT_CODES.has(code);
}

export function toCloudError(action: string, error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  const failure = asFailure(error);
  const httpStatus =
    integer(failure.statusCode) ?? integer(failure.data?.statusCode) ?? statusFromMessage(failure.message);
  const code = codeOf(failure, httpStatus);
  return new CloudError({
    action,
    code,
    httpStatus,
    requestId: text(failure.requestId) ?? text(failure.data?.RequestId),
    retryable: isRetryable(code, httpStatus),
    hint: hintFor(code),
  });
}

/** The server's x-acs-retry-after (ms), which openapi-core exposes on ThrottlingError only. */
export function retryAfterMs(error: unknown): number | undefined {
  const value = integer(asFailure(error).retryAfter);
  return value !== undefined && value > 0 ? value : undefined;
}
