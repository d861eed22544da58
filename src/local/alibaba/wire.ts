/**
 * What goes back on the wire: request IDs, the success envelope and Alibaba's error body
 * (reference §3.1, §10 items 6–7). The SDKs parse every body as JSON, so nothing else is ever sent.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ApiError } from './api-error.ts';

export type Product = 'ecs' | 'kms';

const RECOMMEND_PRODUCT: Record<Product, string> = { ecs: 'Ecs', kms: 'Kms' };

/** ECS request IDs are uppercase UUIDs, KMS ones lowercase (reference §5, §6). */
export function newRequestId(product: Product): string {
  const id = randomUUID();
  return product === 'ecs' ? id.toUpperCase() : id;
}

export function hostId(product: Product, regionId: string | undefined): string {
  return regionId ? `${product}.${regionId}.aliyuncs.com` : `${product}.aliyuncs.com`;
}

export function errorBody(
  product: Product,
  requestId: string,
  error: ApiError,
  regionId: string | undefined,
): Record<string, string> {
  return {
    RequestId: requestId,
    HostId: hostId(product, regionId),
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${RECOMMEND_PRODUCT[product]}&requestId=${requestId}`,
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
