import type { RegionId } from '../../domain/copy-request.ts';
import { REQUEST_ID_TAG_KEY, SOURCE_DISK_ID_TAG_KEY } from '../../domain/provenance.ts';
import type { CopyHistoryQuery, Snapshot } from '../cloud-gateway.ts';
import type { CloudContext } from './cloud-context.ts';
import { describeAllSnapshots } from './snapshot-pages.ts';

/**
 * Earlier copies of a disk's snapshots in the destination region, found two ways because
 * neither is enough alone: copies made outside snapcopy have no provenance tag, and the source
 * fields of a copy are not guaranteed to be filled. Oldest first, each copy once.
 */
export async function findCopies(context: CloudContext, query: CopyHistoryQuery): Promise<Snapshot[]> {
  const { destinationRegionId, sourceRegionId, sourceDiskId } = query;
  const [byDisk, byTag] = await Promise.all([
    describeAllSnapshots(context, destinationRegionId, { diskId: sourceDiskId }),
    describeAllSnapshots(context, destinationRegionId, {
      tag: { key: SOURCE_DISK_ID_TAG_KEY, value: sourceDiskId },
    }),
  ]);
  // The disk filter also returns the disk's own snapshots when the copy stays in its region.
  const copiesByDisk = byDisk.filter(
    (snapshot) => snapshot.sourceSnapshotId !== undefined && snapshot.sourceRegionId === sourceRegionId,
  );
  const unique = new Map<string, Snapshot>();
  for (const snapshot of [...copiesByDisk, ...byTag]) unique.set(snapshot.snapshotId, snapshot);
  return [...unique.values()].sort((a, b) => a.creationTime.localeCompare(b.creationTime));
}

/** Every copy snapcopy made in the region that still exists, found by its request-ID tag. */
export function findProvenanceTagged(context: CloudContext, regionId: RegionId): Promise<Snapshot[]> {
  return describeAllSnapshots(context, regionId, { tag: { key: REQUEST_ID_TAG_KEY } });
}
