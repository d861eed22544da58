import type { RegionId } from '../../domain/copy-request.ts';
import type { Logger } from '../../observability/logger.ts';
import type { CloudCallObserver } from '../cloud-call-observer.ts';

export interface StaticCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** Makes it an STS credential. */
  securityToken?: string;
}

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface AlibabaGatewayOptions {
  /** Absent: the standard credential chain (env AccessKey, RAM role, ECS instance role, OIDC). */
  credential?: StaticCredential;
  /** "host:port" replacing every regional ECS endpoint, for the local stand-in. */
  ecsEndpoint?: string;
  /** "host:port" replacing every regional KMS endpoint, for the local stand-in. */
  kmsEndpoint?: string;
  protocol?: 'http' | 'https';
  /** Default 10 s; the SDKs' own default of 3 s is too short for a busy API. */
  readTimeoutMs?: number;
  /** Default 5 s; never more than readTimeoutMs (see GatewaySettings). */
  connectTimeoutMs?: number;
  retry?: RetryPolicy;
  /** The region whose ECS endpoint answers region-less calls such as DescribeRegions. */
  homeRegionId?: RegionId;
  logger?: Logger;
  /** Told of every API request sent and every one that failed (metrics). */
  observer?: CloudCallObserver;
}

/** The options with every default applied; what the client factories read. */
export interface GatewaySettings {
  ecsEndpoint?: string;
  kmsEndpoint?: string;
  protocol: 'http' | 'https';
  readTimeoutMs: number;
  /**
   * httpx also applies it as the socket idle timeout, and on a reused keep-alive connection the
   * idle timeout is the only bound left: the response timer of the previous call, which the SDKs
   * never clear, fires and cancels the new call's read timer. Capping it at the read timeout keeps
   * "no reply within readTimeoutMs" a failure on every connection.
   */
  connectTimeoutMs: number;
  retry: RetryPolicy;
  homeRegionId: RegionId;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 };

export function resolveSettings(options: AlibabaGatewayOptions): GatewaySettings {
  const readTimeoutMs = options.readTimeoutMs ?? 10_000;
  return {
    ecsEndpoint: options.ecsEndpoint,
    kmsEndpoint: options.kmsEndpoint,
    protocol: options.protocol ?? 'https',
    readTimeoutMs,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? 5_000, readTimeoutMs),
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    homeRegionId: options.homeRegionId ?? 'cn-hangzhou',
  };
}
