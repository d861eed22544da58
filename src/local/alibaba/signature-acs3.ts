/**
 * ACS3-HMAC-SHA256 (signature V3), the scheme the ECS 7.x SDK signs with (reference §2.1).
 * Exported piece by piece so tests can sign hand-made requests the same way the SDK does.
 */
import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './percent-encoding.ts';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = sha256Hex('');

export interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export interface Acs3Request {
  method: string;
  path: string;
  /** Decoded query parameters. */
  query: ReadonlyMap<string, string>;
  /** Header values by lowercase name. */
  headers: Readonly<Record<string, string | undefined>>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const match = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match?.[1]) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export function acs3CanonicalQuery(query: ReadonlyMap<string, string>): string {
  // Keys go out raw: the SDK does not re-encode them, and every key it sends is ASCII.
  return [...query.keys()]
    .sort()
    .map((key) => `${key}=${percentEncode(query.get(key) ?? '')}`)
    .join('&');
}

export function acs3CanonicalRequest(request: Acs3Request): string {
  const canonicalHeaders = request.signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalPath = request.path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  return [
    request.method.toUpperCase(),
    canonicalPath,
    acs3CanonicalQuery(request.query),
    canonicalHeaders,
    request.signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign).digest('hex');
}
