import type { DescribeKeyResponseKeyMetadata } from '@alicloud/kms20160120';
import type { RegionId } from '../../domain/copy-request.ts';
import type { KeyState, KmsKey } from '../cloud-gateway.ts';

const KEY_STATES: readonly KeyState[] = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'];
/** Aliases under this prefix belong to cloud services, e.g. ECS's default key alias/acs/ecs. */
const SERVICE_ALIAS_PREFIX = 'alias/acs/';

/**
 * A customer's key names the account UID as its creator; a service key names the service
 * (such as "Ecs"), so a creator that is not a number marks a service-managed key.
 */
function isServiceManaged(creator: string | undefined, aliases: readonly string[]): boolean {
  return (
    aliases.some((alias) => alias.startsWith(SERVICE_ALIAS_PREFIX)) || (!!creator && !/^\d+$/.test(creator))
  );
}

export function toKmsKey(
  metadata: DescribeKeyResponseKeyMetadata,
  aliases: readonly string[],
  regionId: RegionId,
): KmsKey {
  return {
    keyId: metadata.keyId,
    arn: metadata.arn ?? '',
    regionId,
    // An unknown state must never read as usable.
    keyState: KEY_STATES.find((state) => state === metadata.keyState) ?? 'Disabled',
    keySpec: metadata.keySpec ?? '',
    keyUsage: metadata.keyUsage ?? '',
    aliases: [...aliases],
    description: metadata.description ?? '',
    serviceManaged: isServiceManaged(metadata.creator, aliases),
  };
}
