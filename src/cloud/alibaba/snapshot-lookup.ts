import type { RegionId } from '../../domain/copy-request.ts';
import type { Snapshot } from '../cloud-gateway.ts';
import { inBatches } from './batches.ts';
import type { CloudContext } from './cloud-context.ts';
import { describeAllSnapshots, SNAPSHOTS_PER_CALL } from './snapshot-pages.ts';

/** Any number of IDs, 100 per call; unknown IDs are simply absent from the result. */
export async function describeSnapshots(
  context: CloudContext,
  regionId: RegionId,
  snapshotIds: readonly string[],
): Promise<Snapshot[]> {
  const found: Snapshot[] = [];
  for (const batch of inBatches([...new Set(snapshotIds)], SNAPSHOTS_PER_CALL)) {
    found.push(...(await describeAllSnapshots(context, regionId, { snapshotIds: batch })));
  }
  return found;
}
