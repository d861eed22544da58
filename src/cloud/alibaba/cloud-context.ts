import type { RegionId } from '../../domain/copy-request.ts';
import { createLogger } from '../../observability/logger.ts';
import { createCredential } from './credentials.ts';
import { createEcsClient, type EcsClient } from './ecs-client.ts';
import { type AlibabaGatewayOptions, resolveSettings } from './gateway-options.ts';
import { createKmsClient, type KmsClient } from './kms-client.ts';
import { type CloudCaller, createCloudCaller } from './retry.ts';

/** What every gateway operation needs: a client of the right region and the retrying caller. */
export interface CloudContext {
  homeRegionId: RegionId;
  ecs(regionId: RegionId): EcsClient;
  kms(regionId: RegionId): KmsClient;
  call: CloudCaller;
}

function perRegion<T>(create: (regionId: RegionId) => T): (regionId: RegionId) => T {
  const clients = new Map<RegionId, T>();
  return (regionId) => {
    let client = clients.get(regionId);
    if (!client) {
      client = create(regionId);
      clients.set(regionId, client);
    }
    return client;
  };
}

export function createCloudContext(options: AlibabaGatewayOptions): CloudContext {
  const settings = resolveSettings(options);
  const credential = createCredential(options.credential);
  const logger = options.logger ?? createLogger('cloud.alibaba');
  return {
    homeRegionId: settings.homeRegionId,
    ecs: perRegion((regionId) => createEcsClient(settings, credential, regionId)),
    kms: perRegion((regionId) => createKmsClient(settings, credential, regionId)),
    call: createCloudCaller(settings.retry, logger, options.observer ? { observer: options.observer } : {}),
  };
}
