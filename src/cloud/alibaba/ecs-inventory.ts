import * as $Ecs from '@alicloud/ecs20140526';
import type { RegionId } from '../../domain/copy-request.ts';
import type { Disk, Region } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';
import { toDisk, toRegion } from './ecs-mapping.ts';

export async function listRegions(context: CloudContext): Promise<Region[]> {
  const request = new $Ecs.DescribeRegionsRequest({ acceptLanguage: 'en-US' });
  const response = await context.call('DescribeRegions', () =>
    context.ecs(context.homeRegionId).describeRegions(request),
  );
  return (response.body?.regions?.region ?? []).map(toRegion);
}

export async function describeDisk(
  context: CloudContext,
  regionId: RegionId,
  diskId: string,
): Promise<Disk | undefined> {
  const request = new $Ecs.DescribeDisksRequest({ regionId, diskIds: JSON.stringify([diskId]) });
  const response = await context.call('DescribeDisks', () => context.ecs(regionId).describeDisks(request));
  const model = response.body?.disks?.disk?.find((disk) => disk.diskId === diskId);
  return model ? toDisk(model, regionId) : undefined;
}
