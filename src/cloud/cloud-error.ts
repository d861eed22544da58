/**
 * The single error type callers of the gateway see. It never carries the SDK's own message:
 * the KMS client's messages embed the signed URL and the STS token.
 */
export interface CloudErrorFields {
  code: string;
  httpStatus?: number;
  requestId?: string;
  /** Whether the same call may succeed later (throttling, 5xx, transport). */
  retryable: boolean;
  /** Plain-language explanation for a person. */
  hint: string;
  action: string;
}

export class CloudError extends Error {
  readonly code: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly hint: string;
  readonly action: string;

  constructor(fields: CloudErrorFields) {
    super(
      `${fields.action} failed: ${fields.code}${fields.requestId ? ` (request ${fields.requestId})` : ''}`,
    );
    this.name = 'CloudError';
    this.code = fields.code;
    this.httpStatus = fields.httpStatus;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable;
    this.hint = fields.hint;
    this.action = fields.action;
  }

  toJSON(): CloudErrorFields {
    return {
      code: this.code,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      retryable: this.retryable,
      hint: this.hint,
      action: this.action,
    };
  }
}

export function isCloudError(error: unknown): error is CloudError {
  return error instanceof CloudError;
}
