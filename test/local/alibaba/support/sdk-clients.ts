/**
 * The real SDK clients, constructed as reference §1 describes, pointed at a running stand-in.
 * Tests call through these; nothing in them fakes the SDK.
 */
import EcsModule from '@alicloud/ecs20140526';
import KmsModule from '@alicloud/kms20160120';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $RPC from '@alicloud/rpc-client';
import { RuntimeOptions } from '@darabonba/typescript';
import { commonJsDefault } from '../../../../src/cloud/alibaba/commonjs-default.ts';
import type { AlibabaStandIn } from '../../../../src/local/alibaba/index.ts';

const EcsClient = commonJsDefault(EcsModule);
const KmsClient = commonJsDefault(KmsModule);

export type EcsClientType = InstanceType<typeof EcsClient>;
export type KmsClientType = InstanceType<typeof KmsClient>;

/** Extra Config fields for one test: other credentials, an STS token, `signatureAlgorithm`, timeouts. */
export type ConfigFields = Record<string, unknown>;

const TIMEOUTS = { readTimeout: 10_000, connectTimeout: 10_000 };

export function ecsClient(standIn: AlibabaStandIn, config: ConfigFields = {}): EcsClientType {
  return new EcsClient(
    new $OpenApiUtil.Config({
      endpoint: standIn.endpoint,
      protocol: 'http',
      ...standIn.credentials,
      ...TIMEOUTS,
      ...config,
    }),
  );
}

/** `regionId` goes into the user-agent as the gateway sends it; undefined sends no region at all. */
export function kmsClient(
  standIn: AlibabaStandIn,
  regionId: string | undefined = 'cn-hangzhou',
  config: ConfigFields = {},
): KmsClientType {
  return new KmsClient(
    new $RPC.Config({
      endpoint: standIn.endpoint,
      protocol: 'http',
      ...standIn.credentials,
      ...(regionId === undefined ? {} : { userAgent: `snapcopy region/${regionId}` }),
      ...TIMEOUTS,
      ...config,
    }),
  );
}

/** DescribeAccountKmsStatus is not in KMS SDK 1.2.0; the public doRequest signs it like every call. */
export function kmsRequest(client: KmsClientType, action: string, query: Record<string, string> = {}) {
  // The typings omit null, which the SDK's code reads as "no body" (reference §1.2).
  const noBody = null as unknown as Record<string, string>;
  return client.doRequest(action, 'HTTPS', 'POST', '2016-01-20', 'AK', query, noBody, new RuntimeOptions({}));
}

/** The fields of the SDKs' errors the tests look at (reference §3.2, §3.3). */
export interface SdkError {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  data?: Record<string, unknown>;
}

/** Runs a call expected to fail and returns the SDK's error. */
export async function rejectionOf(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}
