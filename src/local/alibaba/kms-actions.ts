/**
 * The KMS (2016-01-20) actions the stand-in answers (reference §6). KMS is regional: each handler
 * works in the region the server derived from the user-agent.
 */
import { createHash } from 'node:crypto';
import type { ActionContext, ActionHandler } from './action.ts';
import { ApiError } from './api-error.ts';
import { formatTimestamp } from './clock.ts';
import { readPageNumbers, takePage } from './paging.ts';
import type { KmsKey, World } from './world.ts';

const KMS_PAGING = { max: 100, default: 10 };

const describeKey: ActionHandler = ({ params, world, kmsRegionId }) => ({
  KeyMetadata: keyMetadata(findKey(params.required('KeyId', 2048), world, kmsRegionId), world),
});

const listKeys: ActionHandler = ({ params, world, kmsRegionId }) => {
  const { items, fields } = takePage(world.keysIn(kmsRegionId), readPageNumbers(params, KMS_PAGING));
  return { ...fields, Keys: { Key: items.map((key) => ({ KeyId: key.keyId, KeyArn: key.arn })) } };
};

const listAliases: ActionHandler = ({ params, world, kmsRegionId }) =>
  aliasPage(world.keysIn(kmsRegionId), kmsRegionId, world, params);

const listAliasesByKeyId: ActionHandler = ({ params, world, kmsRegionId }) => {
  const key = findKey(params.required('KeyId', 2048), world, kmsRegionId);
  return aliasPage([key], kmsRegionId, world, params);
};

const describeRegions: ActionHandler = ({ world }) => ({
  Regions: { Region: world.regions().map((region) => ({ RegionId: region.regionId })) },
});

const describeAccountKmsStatus: ActionHandler = ({ world }) => ({ AccountStatus: world.kmsStatus() });

/** Every KMS call but the status query is refused while KMS is not activated for the account. */
function requiresActiveKms(handler: ActionHandler): ActionHandler {
  return (context: ActionContext) => {
    const status = context.world.kmsStatus();
    if (status === 'InDebt') throw new ApiError(403, 'Forbidden.InDebt', 'The account is in debt.');
    if (status !== 'Enabled') {
      throw new ApiError(
        403,
        'Forbidden.KmsServiceNotEnabled',
        'Kms service is not Enabled for current user. Please get access permission first.',
      );
    }
    return handler(context);
  };
}

export const kmsActions: Readonly<Record<string, ActionHandler>> = {
  DescribeAccountKmsStatus: describeAccountKmsStatus,
  DescribeKey: requiresActiveKms(describeKey),
  DescribeRegions: requiresActiveKms(describeRegions),
  ListAliases: requiresActiveKms(listAliases),
  ListAliasesByKeyId: requiresActiveKms(listAliasesByKeyId),
  ListKeys: requiresActiveKms(listKeys),
};

function findKey(reference: string, world: World, regionId: string): KmsKey {
  const lookup = world.resolveKey(regionId, reference);
  if ('key' in lookup) return lookup.key;
  throw lookup.missing === 'alias'
    ? new ApiError(404, 'Forbidden.AliasNotFound', 'The specified Alias is not found.')
    : new ApiError(404, 'Forbidden.KeyNotFound', 'The specified Key is not found.');
}

function aliasPage(
  keys: KmsKey[],
  regionId: string,
  world: World,
  params: ActionContext['params'],
): Record<string, unknown> {
  const aliases = keys.flatMap((key) =>
    key.aliases.map((aliasName) => ({
      KeyId: key.keyId,
      AliasName: aliasName,
      AliasArn: `acs:kms:${regionId}:${world.accountId}:${aliasName}`,
    })),
  );
  const { items, fields } = takePage(aliases, readPageNumbers(params, KMS_PAGING));
  return { ...fields, Aliases: { Alias: items } };
}

/** All strings, as DescribeKey returns them; `DeleteDate` only while PendingDeletion. */
function keyMetadata(key: KmsKey, world: World): Record<string, string> {
  const created = formatTimestamp(key.creationTime);
  return {
    KeyId: key.keyId,
    Arn: key.arn,
    KeyState: key.keyState,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    ProtectionLevel: key.protectionLevel,
    Origin: key.origin,
    // Service keys are created by the service that owns them, not by the account.
    Creator: key.serviceManaged ? 'Ecs' : world.accountId,
    CreationDate: created,
    ...(key.deleteDate === undefined ? {} : { DeleteDate: formatTimestamp(key.deleteDate) }),
    Description: key.description,
    MaterialExpireTime: '',
    PrimaryKeyVersion: key.keyState === 'PendingImport' ? '' : keyVersionId(key.keyId),
    AutomaticRotation: 'Disabled',
    RotationInterval: '',
    LastRotationDate: created,
    NextRotationDate: '',
  };
}

/** A stable UUID-shaped version ID, so repeated DescribeKey calls agree. */
function keyVersionId(keyId: string): string {
  const hex = createHash('sha256').update(keyId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
