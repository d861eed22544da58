/**
 * One reconciliation: every region's tagged copies against every record, and, only when the
 * caller asks, the deletion of the copies nobody will finish or report.
 */
import type { CloudGateway, Snapshot } from '../cloud/cloud-gateway.ts';
import { requestIdOf } from '../domain/provenance.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import { type Finding, isDeletable, reconcile, type TaggedCopy } from './reconciliation.ts';
import { readRecordedCopies } from './recorded-copies.ts';

export interface ReconciliationDeps {
  store: Store;
  gateway: CloudGateway;
  clock: Clock;
  archiveRetentionMs: number;
  /** Empty: every region the account sees. */
  regionIds: readonly string[];
}

export interface Reconciliation {
  regionIds: string[];
  findings: Finding[];
}

export async function runReconciliation(deps: ReconciliationDeps): Promise<Reconciliation> {
  const regionIds =
    deps.regionIds.length > 0
      ? [...deps.regionIds]
      : (await deps.gateway.listRegions()).map((region) => region.regionId);
  // Copies first, records second: every request writes its record before it calls CopySnapshot,
  // so any copy listed here has its record by the time the records are read, and a copy that a
  // running bot makes meanwhile can never be taken for one without a record (and deleted).
  const perRegion = await Promise.all(
    regionIds.map((regionId) => deps.gateway.findProvenanceTagged(regionId)),
  );
  const copies = perRegion.flat().flatMap(taggedCopy);
  const records = await readRecordedCopies(deps.store, deps.archiveRetentionMs);
  const findings = reconcile({
    records,
    copies,
    regionIds,
    archiveRetentionMs: deps.archiveRetentionMs,
    now: deps.clock.now(),
  });
  return { regionIds, findings };
}

export interface Deletion {
  finding: Finding;
  cloudRequestId: string;
  alreadyGone: boolean;
}

/** Deletes the copy of every deletable finding, one at a time; a failure stops the rest. */
export async function deleteStrayCopies(
  gateway: CloudGateway,
  findings: readonly Finding[],
): Promise<Deletion[]> {
  const deletions: Deletion[] = [];
  for (const finding of findings.filter(isDeletable)) {
    const answer = await gateway.deleteSnapshot(finding.regionId, finding.snapshotId);
    deletions.push({ finding, cloudRequestId: answer.requestId, alreadyGone: answer.alreadyGone });
  }
  return deletions;
}

function taggedCopy(snapshot: Snapshot): TaggedCopy[] {
  const requestId = requestIdOf(snapshot);
  if (requestId === undefined) return [];
  const { snapshotId, regionId, status, progress, creationTime } = snapshot;
  return [{ snapshotId, regionId, status, progress, creationTime, requestId }];
}
