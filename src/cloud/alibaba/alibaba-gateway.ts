import type { CloudGateway } from '../cloud-gateway.ts';
import { createCloudContext } from './cloud-context.ts';
import { findCopies, findProvenanceTagged } from './copy-history.ts';
import { findDiskSnapshots, findDisks } from './disk-selection.ts';
import { describeDisk, listRegions } from './ecs-inventory.ts';
import type { AlibabaGatewayOptions } from './gateway-options.ts';
import { describeKey, kmsAccountStatus, listKeys } from './kms-keys.ts';
import { copySnapshot, deleteSnapshot } from './snapshot-changes.ts';
import { describeSnapshots } from './snapshot-lookup.ts';
import { searchSnapshots } from './snapshot-search.ts';

/**
 * The CloudGateway over the official Alibaba SDK clients (ECS 2014-05-26, KMS 2016-01-20).
 * Every failure reaches the caller as a CloudError; throttling, 5xx and transport failures are
 * retried here first.
 */
export function createAlibabaGateway(options: AlibabaGatewayOptions = {}): CloudGateway {
  const context = createCloudContext(options);
  return {
    listRegions: () => listRegions(context),
    describeSnapshots: (regionId, snapshotIds) => describeSnapshots(context, regionId, snapshotIds),
    searchSnapshots: (regionId, search) => searchSnapshots(context, regionId, search),
    describeDisk: (regionId, diskId) => describeDisk(context, regionId, diskId),
    findDisks: (regionId, selector) => findDisks(context, regionId, selector),
    findDiskSnapshots: (regionId, diskIds) => findDiskSnapshots(context, regionId, diskIds),
    findCopies: (query) => findCopies(context, query),
    findProvenanceTagged: (regionId) => findProvenanceTagged(context, regionId),
    copySnapshot: (call) => copySnapshot(context, call),
    deleteSnapshot: (regionId, snapshotId) => deleteSnapshot(context, regionId, snapshotId),
    describeKey: (regionId, keyIdAliasOrArn) => describeKey(context, regionId, keyIdAliasOrArn),
    listKeys: (regionId) => listKeys(context, regionId),
    kmsAccountStatus: (regionId) => kmsAccountStatus(context, regionId),
  };
}
