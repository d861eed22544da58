/**
 * Request authentication, as Alibaba's gateway does it: ACS3-HMAC-SHA256 when an Authorization
 * header is present, otherwise the HMAC-SHA1 query signature (reference §2, §10 item 3).
 * Error messages may carry the string to sign, never a secret.
 */
import { timingSafeEqual } from 'node:crypto';
import { ApiError, missingParameter } from './api-error.ts';
import { NonceRegistry } from './nonce-registry.ts';
import {
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  parseAcs3Authorization,
  sha256Hex,
} from './signature-acs3.ts';
import { rpcSignature, rpcStringToSign } from './signature-rpc.ts';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, the key is an STS credential and requests must carry this token. */
  securityToken?: string;
}

export interface SignedRequest {
  method: string;
  pathname: string;
  headers: Readonly<Record<string, string | undefined>>;
  query: ReadonlyMap<string, string>;
  /** Query and form-body parameters together. */
  params: ReadonlyMap<string, string>;
  body: Buffer;
}

const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** The ACS3 headers a request cannot be verified without. */
const REQUIRED_SIGNED_HEADERS = ['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

export class Authenticator {
  private readonly keys: ReadonlyMap<string, AccessKey>;
  private readonly nonces: NonceRegistry;

  constructor(
    keys: readonly AccessKey[],
    private readonly realNow: () => number = Date.now,
  ) {
    this.keys = new Map(keys.map((key) => [key.accessKeyId, key]));
    this.nonces = new NonceRegistry(TIMESTAMP_WINDOW_MS, realNow);
  }

  /** The AccessKey ID the request was signed with; throws the gateway's error otherwise. */
  verify(request: SignedRequest): string {
    const authorization = request.headers['authorization'];
    return authorization === undefined ? this.verifyRpc(request) : this.verifyAcs3(request, authorization);
  }

  private verifyAcs3(request: SignedRequest, header: string): string {
    const parsed = parseAcs3Authorization(header);
    if (!parsed) throw incompleteSignature();
    const key = this.keyFor(parsed.accessKeyId);
    const unsigned = Object.keys(request.headers).filter(
      (name) => name.startsWith('x-acs-') && !parsed.signedHeaders.includes(name),
    );
    if (unsigned.length > 0 || REQUIRED_SIGNED_HEADERS.some((name) => !parsed.signedHeaders.includes(name))) {
      throw incompleteSignature();
    }
    const payloadHash = request.headers['x-acs-content-sha256'] ?? '';
    if (sha256Hex(request.body) !== payloadHash) {
      throw new ApiError(
        400,
        'SignatureDoesNotMatch',
        'The x-acs-content-sha256 header does not match the request body.',
      );
    }
    this.checkTimestamp(request.headers['x-acs-date'], 'x-acs-date');
    const stringToSign = acs3StringToSign(
      acs3CanonicalRequest({
        ...request,
        path: request.pathname,
        signedHeaders: parsed.signedHeaders,
        payloadHash,
      }),
    );
    checkSignature(parsed.signature, acs3Signature(stringToSign, key.accessKeySecret), stringToSign);
    this.checkSecurityToken(key, request.headers['x-acs-security-token']);
    this.useNonce(request.headers['x-acs-signature-nonce']);
    return key.accessKeyId;
  }

  private verifyRpc(request: SignedRequest): string {
    const { params } = request;
    const accessKeyId = params.get('AccessKeyId');
    const signature = params.get('Signature');
    if (!accessKeyId) throw missingParameter('AccessKeyId');
    if (!signature) throw missingParameter('Signature');
    const method = params.get('SignatureMethod');
    if (method !== undefined && method !== 'HMAC-SHA1') throw incompleteSignature();
    const key = this.keyFor(accessKeyId);
    this.checkTimestamp(params.get('Timestamp'), 'Timestamp');
    const stringToSign = rpcStringToSign(request.method, params);
    checkSignature(signature, rpcSignature(stringToSign, key.accessKeySecret), stringToSign);
    this.checkSecurityToken(key, params.get('SecurityToken'));
    this.useNonce(params.get('SignatureNonce'));
    return key.accessKeyId;
  }

  private keyFor(accessKeyId: string): AccessKey {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    return key;
  }

  private checkTimestamp(value: string | undefined, name: string): void {
    if (!value) throw missingParameter(name);
    if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
      throw new ApiError(
        400,
        'IllegalTimestamp',
        `The input parameter "${name}" does not match the format yyyy-MM-ddTHH:mm:ssZ.`,
      );
    }
    if (Math.abs(this.realNow() - Date.parse(value)) > TIMESTAMP_WINDOW_MS) {
      throw new ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
  }

  private checkSecurityToken(key: AccessKey, token: string | undefined): void {
    if (key.securityToken !== undefined && token !== key.securityToken) {
      throw new ApiError(
        400,
        'InvalidSecurityToken.Mismatch',
        'The security token does not match the AccessKey.',
      );
    }
  }

  private useNonce(nonce: string | undefined): void {
    if (!nonce) throw missingParameter('SignatureNonce');
    if (!this.nonces.use(nonce)) {
      throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
  }
}

function checkSignature(given: string, expected: string, stringToSign: string): void {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }
}

function incompleteSignature(): ApiError {
  return new ApiError(
    400,
    'IncompleteSignature',
    'The request signature does not conform to Aliyun standards.',
  );
}
