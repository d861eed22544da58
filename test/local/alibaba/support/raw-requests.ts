/**
 * Hand-made requests for what the SDKs never send: stale timestamps, replayed nonces, wrong methods,
 * huge bodies, malformed parameters. Signed with the same algorithms the SDKs use (checked against
 * the reference's test vectors in the signature tests), over plain node:http for full control.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { AlibabaStandIn } from '../../../../src/local/alibaba/index.ts';
import {
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  sha256Hex,
} from '../../../../src/local/alibaba/signature-acs3.ts';
import { rpcSignature, rpcStringToSign } from '../../../../src/local/alibaba/signature-rpc.ts';

export const VERSIONS = { ecs: '2014-05-26', kms: '2016-01-20' } as const;

export interface RawCall {
  /** Sets the version header (ACS3) or `Version` parameter (RPC); a string sends that exact value. */
  version?: string;
  action?: string;
  params?: Record<string, string>;
  method?: string;
  path?: string;
  body?: string | Buffer;
  /** Parameters sent as an x-www-form-urlencoded body instead of the query (signed by RPC signing). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Headers added after signing, as a tampering proxy would. */
  unsignedHeaders?: Record<string, string>;
  /** Sent (and signed) as x-acs-content-sha256 instead of the body's real hash. */
  contentSha256?: string;
  /** acs3 (header signature, default), rpc (query signature) or none. */
  signing?: 'acs3' | 'rpc' | 'none';
  accessKeyId?: string;
  accessKeySecret?: string;
  date?: Date;
  nonce?: string;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export function sendRaw(standIn: AlibabaStandIn, call: RawCall): Promise<RawReply> {
  const method = call.method ?? 'POST';
  const params = new Map(Object.entries(call.params ?? {}));
  const headers: Record<string, string> = { ...call.headers };
  const form = new URLSearchParams(call.form ?? {});
  const body = Buffer.from(call.body ?? form.toString());
  if (call.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const timestamp = (call.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nonce = call.nonce ?? randomUUID();
  const accessKeyId = call.accessKeyId ?? standIn.credentials.accessKeyId;
  const secret = call.accessKeySecret ?? standIn.credentials.accessKeySecret;
  const signing = call.signing ?? 'acs3';
  if (signing !== 'rpc') {
    if (call.version !== undefined) headers['x-acs-version'] = call.version;
    if (call.action !== undefined) headers['x-acs-action'] = call.action;
  }
  if (signing === 'acs3') {
    Object.assign(headers, {
      host: standIn.endpoint,
      'x-acs-date': timestamp,
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': call.contentSha256 ?? sha256Hex(body),
    });
    const signedHeaders = Object.keys(headers)
      .filter((name) => name === 'host' || name.startsWith('x-acs-'))
      .sort();
    const payloadHash = headers['x-acs-content-sha256']!;
    const canonical = acs3CanonicalRequest({
      method,
      path: '/',
      query: params,
      headers,
      signedHeaders,
      payloadHash,
    });
    const signature = acs3Signature(acs3StringToSign(canonical), secret);
    headers.authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  } else if (signing === 'rpc') {
    const protocol = {
      ...(call.action === undefined ? {} : { Action: call.action }),
      ...(call.version === undefined ? {} : { Version: call.version }),
      Format: 'json',
      Timestamp: timestamp,
      SignatureNonce: nonce,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: accessKeyId,
    };
    for (const [name, value] of Object.entries(protocol)) params.set(name, value);
    const signed = new Map([...params, ...form]);
    params.set('Signature', rpcSignature(rpcStringToSign(method, signed), secret));
  }
  const query = new URLSearchParams([...params]).toString().replace(/\+/g, '%20');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${standIn.url}${call.path ?? '/'}${query ? `?${query}` : ''}`,
      { method, headers: { ...headers, ...call.unsignedHeaders, 'content-length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : {},
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
