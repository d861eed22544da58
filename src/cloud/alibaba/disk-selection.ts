/** The disks a batch selector names, and the snapshots taken of them (reference §5.3, §5.6). */
import * as $Ecs from '@alicloud/ecs20140526';
import type { DiskSelector } from '../../domain/copy-batch.ts';
import type { RegionId } from '../../domain/copy-request.ts';
import { mapConcurrently } from '../../support/map-concurrently.ts';
import type { Disk, Snapshot } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';
import { toDisk } from './ecs-mapping.ts';
import { describeAllSnapshots } from './snapshot-pages.ts';

/** DescribeDisks' MaxResults ceiling; its default of 10 would take many calls for one large instance. */
const DISKS_PER_CALL = 500;

/** DescribeSnapshots filters one disk per call; a batch of 64 disks must not become 64 calls at once. */
const DISK_SNAPSHOT_CALLS_IN_FLIGHT = 8;

function selectorFields(selector: DiskSelector): Partial<$Ecs.DescribeDisksRequest> {
  if (selector.kind === 'instance') return { instanceId: selector.instanceId };
  // Without a tag the call would return every disk in the region: never what a batch means.
  if (selector.tags.length === 0) throw new Error('findDisks needs at least one tag to select disks by');
  return { tag: selector.tags.map((tag) => new $Ecs.DescribeDisksRequestTag(tag)) };
}

export async function findDisks(
  context: CloudContext,
  regionId: RegionId,
  selector: DiskSelector,
): Promise<Disk[]> {
  const fields = selectorFields(selector);
  const disks: Disk[] = [];
  let nextToken: string | undefined;
  do {
    const request = new $Ecs.DescribeDisksRequest({
      ...fields,
      regionId,
      maxResults: DISKS_PER_CALL,
      nextToken,
    });
    const response = await context.call('DescribeDisks', () => context.ecs(regionId).describeDisks(request));
    disks.push(...(response.body?.disks?.disk ?? []).map((model) => toDisk(model, regionId)));
    nextToken = response.body?.nextToken || undefined;
  } while (nextToken);
  return disks;
}

export async function findDiskSnapshots(
  context: CloudContext,
  regionId: RegionId,
  diskIds: readonly string[],
): Promise<Snapshot[]> {
  const perDisk = await mapConcurrently([...new Set(diskIds)], DISK_SNAPSHOT_CALLS_IN_FLIGHT, (diskId) =>
    describeAllSnapshots(context, regionId, { diskId }),
  );
  return perDisk.flat();
}
