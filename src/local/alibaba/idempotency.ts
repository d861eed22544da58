/**
 * ClientToken idempotency (reference §10 item 9): a retry with the same token and parameters gets the
 * first result back without doing anything again; the same token with other parameters is refused.
 */
import { ApiError, invalidParameter } from './api-error.ts';
import type { RequestParams } from './request-params.ts';

/** Parameters that belong to the signature or the token, not to what is being asked. */
const PROTOCOL_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'Timestamp',
  'SignatureNonce',
  'SignatureMethod',
  'SignatureVersion',
  'Signature',
  'AccessKeyId',
  'SecurityToken',
  'ClientToken',
]);

export class ClientTokens {
  private readonly results = new Map<string, { fingerprint: string; result: string }>();

  /** The token of this request (validated), or undefined when it carries none. */
  static read(params: RequestParams): string | undefined {
    const token = params.string('ClientToken', 64);
    if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
      throw invalidParameter('ClientToken', 'must be ASCII');
    return token;
  }

  /** The earlier result for this token, if any; throws when the token was used with other parameters. */
  recall(action: string, token: string, params: RequestParams): string | undefined {
    const earlier = this.results.get(`${action}\n${token}`);
    if (!earlier) return undefined;
    if (earlier.fingerprint !== fingerprint(params)) {
      throw new ApiError(403, 'IdempotentParameterMismatch', 'The specified clientToken is used.');
    }
    return earlier.result;
  }

  remember(action: string, token: string, params: RequestParams, result: string): void {
    this.results.set(`${action}\n${token}`, { fingerprint: fingerprint(params), result });
  }
}

function fingerprint(params: RequestParams): string {
  return JSON.stringify(
    params
      .entries()
      .filter(([name]) => !PROTOCOL_PARAMETERS.has(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
