/**
 * An error the stand-in answers with, carrying the real HTTP status and code. Handlers throw it;
 * the server turns it into Alibaba's error body.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function missingParameter(name: string): ApiError {
  return new ApiError(
    400,
    'MissingParameter',
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

export function invalidParameter(name: string, why = 'is not valid'): ApiError {
  return new ApiError(400, 'InvalidParameter', `The specified parameter "${name}" ${why}.`);
}
