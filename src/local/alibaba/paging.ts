/**
 * The two paging styles of the Describe APIs: `MaxResults` + `NextToken`, and the older
 * `PageNumber` + `PageSize` (reference §9). List fields are returned beside the page.
 */
import { invalidParameter } from './api-error.ts';
import type { RequestParams } from './request-params.ts';

export interface PagingLimits {
  maxResults: { min: number; max: number; default: number };
  /** PageSize limit of the page-number style. */
  pageSize: { max: number; default: number };
}

export type PageRequest =
  | { style: 'token'; offset: number; maxResults: number }
  | { style: 'number'; pageNumber: number; pageSize: number };

const TOKEN_PREFIX = 'standin:';

export function readPaging(params: RequestParams, limits: PagingLimits): PageRequest {
  if (params.has('PageNumber') || params.has('PageSize')) return readPageNumbers(params, limits.pageSize);
  return {
    style: 'token',
    offset: decodeNextToken(params.string('NextToken', 512)),
    maxResults: params.integer('MaxResults', limits.maxResults) ?? limits.maxResults.default,
  };
}

export function readPageNumbers(params: RequestParams, limit: { max: number; default: number }): PageRequest {
  return {
    style: 'number',
    pageNumber: params.integer('PageNumber', { min: 1, max: 1_000_000 }) ?? 1,
    pageSize: params.integer('PageSize', { min: 1, max: limit.max }) ?? limit.default,
  };
}

export function takePage<T>(
  items: readonly T[],
  request: PageRequest,
): { items: T[]; fields: Record<string, unknown> } {
  if (request.style === 'number') {
    const start = (request.pageNumber - 1) * request.pageSize;
    return {
      items: items.slice(start, start + request.pageSize),
      fields: { TotalCount: items.length, PageNumber: request.pageNumber, PageSize: request.pageSize },
    };
  }
  const end = request.offset + request.maxResults;
  return {
    items: items.slice(request.offset, end),
    // TotalCount is documented as unreliable in token mode; it is still sent, as the real API does.
    fields: { TotalCount: items.length, NextToken: end < items.length ? encodeNextToken(end) : '' },
  };
}

function encodeNextToken(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString('hex');
}

function decodeNextToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const text = /^[0-9a-f]+$/.test(token) ? Buffer.from(token, 'hex').toString() : '';
  const offset = text.startsWith(TOKEN_PREFIX) ? Number(text.slice(TOKEN_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidParameter('NextToken');
  return offset;
}
