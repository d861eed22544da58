import EcsModule from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { RegionId } from '../../domain/copy-request.ts';
import { commonJsDefault } from './commonjs-default.ts';
import type { AlibabaCredential } from './credentials.ts';
import type { GatewaySettings } from './gateway-options.ts';
import { regionUserAgent } from './region-user-agent.ts';

const EcsClient = commonJsDefault(EcsModule);
export type EcsClient = InstanceType<typeof EcsClient>;

/**
 * One client per region: DeleteSnapshot carries no RegionId, so in production the region is
 * implied by the endpoint (derived from regionId when no override is set). No SDK retries: the
 * gateway retries itself, the same way for ECS and KMS.
 */
export function createEcsClient(
  settings: GatewaySettings,
  credential: AlibabaCredential,
  regionId: RegionId,
): EcsClient {
  return new EcsClient(
    new $OpenApiUtil.Config({
      credential,
      regionId,
      endpoint: settings.ecsEndpoint,
      protocol: settings.protocol,
      readTimeout: settings.readTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      userAgent: regionUserAgent(regionId),
    }),
  );
}
