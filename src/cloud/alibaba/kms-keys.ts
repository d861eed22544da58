import * as $Kms from '@alicloud/kms20160120';
import type { RegionId } from '../../domain/copy-request.ts';
import { CloudError, isCloudError } from '../cloud-error.ts';
import type { KmsAccountStatus, KmsKey } from '../cloud-gateway.ts';
import { inBatches } from './batches.ts';
import type { CloudContext } from './cloud-context.ts';
import { hintFor } from './error-hints.ts';
import { callKmsAction } from './kms-client.ts';
import { toKmsKey } from './kms-key-mapping.ts';
import { allNumberedPages, KMS_PAGE_SIZE } from './kms-paging.ts';

const KEY_NOT_FOUND_CODES = new Set(['Forbidden.KeyNotFound', 'Forbidden.AliasNotFound']);
/** A key picker shows at most this many keys; each costs one DescribeKey. */
const MAX_LISTED_KEYS = 100;
const DESCRIBE_KEY_CONCURRENCY = 5;
const ACCOUNT_STATUSES: readonly KmsAccountStatus[] = ['Enabled', 'NotEnabled', 'InDebt', 'Suspended'];

type KeyMetadata = $Kms.DescribeKeyResponseKeyMetadata;

async function describeKeyMetadata(
  context: CloudContext,
  regionId: RegionId,
  keyIdAliasOrArn: string,
): Promise<KeyMetadata | undefined> {
  try {
    const request = new $Kms.DescribeKeyRequest({ keyId: keyIdAliasOrArn });
    const response = await context.call('DescribeKey', () => context.kms(regionId).describeKey(request));
    return response.keyMetadata?.keyId ? response.keyMetadata : undefined;
  } catch (error) {
    if (isCloudError(error) && KEY_NOT_FOUND_CODES.has(error.code)) return undefined;
    throw error;
  }
}

async function aliasesOfKey(context: CloudContext, regionId: RegionId, keyId: string): Promise<string[]> {
  const aliases = await allNumberedPages(async (pageNumber) => {
    const request = new $Kms.ListAliasesByKeyIdRequest({ keyId, pageNumber, pageSize: KMS_PAGE_SIZE });
    const response = await context.call('ListAliasesByKeyId', () =>
      context.kms(regionId).listAliasesByKeyId(request),
    );
    return { items: response.aliases?.alias ?? [], totalCount: response.totalCount ?? 0 };
  });
  return aliases.map((alias) => alias.aliasName);
}

export async function describeKey(
  context: CloudContext,
  regionId: RegionId,
  keyIdAliasOrArn: string,
): Promise<KmsKey | undefined> {
  const metadata = await describeKeyMetadata(context, regionId, keyIdAliasOrArn);
  if (!metadata) return undefined;
  const aliases = await aliasesOfKey(context, regionId, metadata.keyId);
  // Service aliases such as alias/acs/ecs may not be listed, yet the key was found by that name.
  if (keyIdAliasOrArn.startsWith('alias/') && !aliases.includes(keyIdAliasOrArn))
    aliases.push(keyIdAliasOrArn);
  return toKmsKey(metadata, aliases, regionId);
}

async function aliasesByKeyId(context: CloudContext, regionId: RegionId): Promise<Map<string, string[]>> {
  const aliases = await allNumberedPages(async (pageNumber) => {
    const request = new $Kms.ListAliasesRequest({ pageNumber, pageSize: KMS_PAGE_SIZE });
    const response = await context.call('ListAliases', () => context.kms(regionId).listAliases(request));
    return { items: response.aliases?.alias ?? [], totalCount: response.totalCount ?? 0 };
  });
  const byKeyId = new Map<string, string[]>();
  for (const alias of aliases)
    byKeyId.set(alias.keyId, [...(byKeyId.get(alias.keyId) ?? []), alias.aliasName]);
  return byKeyId;
}

async function keyIdsOf(context: CloudContext, regionId: RegionId): Promise<string[]> {
  const keys = await allNumberedPages(async (pageNumber) => {
    const request = new $Kms.ListKeysRequest({ pageNumber, pageSize: KMS_PAGE_SIZE });
    const response = await context.call('ListKeys', () => context.kms(regionId).listKeys(request));
    return { items: response.keys?.key ?? [], totalCount: response.totalCount ?? 0 };
  });
  return keys.map((key) => key.keyId);
}

/**
 * Every key of the region with its aliases, state and spec (so a picker can leave out keys ECS
 * cannot use). Bounded: at most MAX_LISTED_KEYS DescribeKey calls, a few at a time.
 */
export async function listKeys(context: CloudContext, regionId: RegionId): Promise<KmsKey[]> {
  const [keyIds, aliases] = await Promise.all([
    keyIdsOf(context, regionId),
    aliasesByKeyId(context, regionId),
  ]);
  const keys: KmsKey[] = [];
  for (const batch of inBatches(keyIds.slice(0, MAX_LISTED_KEYS), DESCRIBE_KEY_CONCURRENCY)) {
    const described = await Promise.all(batch.map((keyId) => describeKeyMetadata(context, regionId, keyId)));
    for (const metadata of described) {
      // A key deleted between ListKeys and DescribeKey is simply no longer listed.
      if (metadata) keys.push(toKmsKey(metadata, aliases.get(metadata.keyId) ?? [], regionId));
    }
  }
  return keys;
}

export async function kmsAccountStatus(context: CloudContext, regionId: RegionId): Promise<KmsAccountStatus> {
  const action = 'DescribeAccountKmsStatus';
  try {
    const reply = await context.call(action, () => callKmsAction(context.kms(regionId), action));
    const status = ACCOUNT_STATUSES.find((known) => known === reply['AccountStatus']);
    if (status) return status;
    const code = 'UnknownAccountStatus';
    const requestId = typeof reply['RequestId'] === 'string' ? reply['RequestId'] : undefined;
    throw new CloudError({ action, code, requestId, retryable: false, hint: hintFor(code) });
  } catch (error) {
    if (isCloudError(error) && error.code === 'Forbidden.KmsServiceNotEnabled') return 'NotEnabled';
    throw error;
  }
}
