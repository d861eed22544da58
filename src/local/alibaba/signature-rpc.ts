/**
 * The RPC signature (HMAC-SHA1, SignatureVersion 1.0, in the query): what the KMS 1.x SDK signs
 * with, and ECS too when configured with `signatureAlgorithm: "v2"` (reference §2.2, §2.4).
 */
import { createHmac } from 'node:crypto';
import { percentEncode } from './percent-encoding.ts';

/** `params` are the decoded query (and form body) parameters; `Signature` itself is left out. */
export function rpcStringToSign(method: string, params: ReadonlyMap<string, string>): string {
  const canonical = [...params.keys()]
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params.get(key) ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}
