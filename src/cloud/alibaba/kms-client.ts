import KmsModule from '@alicloud/kms20160120';
import * as $RPC from '@alicloud/rpc-client';
import { RuntimeOptions } from '@darabonba/typescript';
import type { RegionId } from '../../domain/copy-request.ts';
import { commonJsDefault } from './commonjs-default.ts';
import type { AlibabaCredential } from './credentials.ts';
import type { GatewaySettings } from './gateway-options.ts';
import { regionUserAgent } from './region-user-agent.ts';

const KmsClient = commonJsDefault(KmsModule);
export type KmsClient = InstanceType<typeof KmsClient>;

const KMS_VERSION = '2016-01-20';

/** The generated client never sets its product ID, so the endpoint must always be given. */
function kmsEndpoint(regionId: RegionId): string {
  return `kms.${regionId}.aliyuncs.com`;
}

export function createKmsClient(
  settings: GatewaySettings,
  credential: AlibabaCredential,
  regionId: RegionId,
): KmsClient {
  return new KmsClient(
    new $RPC.Config({
      credential,
      regionId,
      endpoint: settings.kmsEndpoint ?? kmsEndpoint(regionId),
      protocol: settings.protocol,
      readTimeout: settings.readTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      userAgent: regionUserAgent(regionId),
    }),
  );
}

/** doRequest declares a non-null body, yet null is what the generated calls pass for "no form body". */
const NO_FORM_BODY = null as unknown as Record<string, never>;

/**
 * Calls an action that SDK 1.2.0 lacks (DescribeAccountKmsStatus), signed like every other call.
 * The config's protocol, timeouts and endpoint apply; the "HTTPS" here is only the fallback.
 */
export async function callKmsAction(
  client: KmsClient,
  action: string,
  query: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return client.doRequest(
    action,
    'HTTPS',
    'POST',
    KMS_VERSION,
    'AK',
    query,
    NO_FORM_BODY,
    new RuntimeOptions({}),
  );
}
