import * as $Ecs from '@alicloud/ecs20140526';
import type { RegionId, Tag } from '../../domain/copy-request.ts';
import type { Snapshot, SnapshotPage } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';
import { toSnapshot } from './ecs-mapping.ts';

/** DescribeSnapshots' ceiling for both MaxResults and the IDs in SnapshotIds. */
export const SNAPSHOTS_PER_CALL = 100;

export interface SnapshotFilter {
  snapshotIds?: readonly string[];
  diskId?: string;
  /** Without a value: every snapshot that has the key. */
  tag?: Pick<Tag, 'key'> & Partial<Pick<Tag, 'value'>>;
}

/** One DescribeSnapshots page; the API's default page is 10, so MaxResults is always set. */
export async function describeSnapshotPage(
  context: CloudContext,
  regionId: RegionId,
  filter: SnapshotFilter,
  nextToken?: string,
): Promise<SnapshotPage> {
  const request = new $Ecs.DescribeSnapshotsRequest({
    regionId,
    maxResults: SNAPSHOTS_PER_CALL,
    nextToken,
    // A JSON array string on the wire, not a repeated parameter.
    snapshotIds: filter.snapshotIds ? JSON.stringify(filter.snapshotIds) : undefined,
    diskId: filter.diskId,
    tag: filter.tag ? [new $Ecs.DescribeSnapshotsRequestTag(filter.tag)] : undefined,
  });
  const response = await context.call('DescribeSnapshots', () =>
    context.ecs(regionId).describeSnapshots(request),
  );
  const models = response.body?.snapshots?.snapshot ?? [];
  return {
    snapshots: models.map((model) => toSnapshot(model, regionId)),
    nextToken: response.body?.nextToken || undefined,
  };
}

export async function describeAllSnapshots(
  context: CloudContext,
  regionId: RegionId,
  filter: SnapshotFilter,
): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  let nextToken: string | undefined;
  do {
    const page = await describeSnapshotPage(context, regionId, filter, nextToken);
    snapshots.push(...page.snapshots);
    nextToken = page.nextToken;
  } while (nextToken);
  return snapshots;
}
