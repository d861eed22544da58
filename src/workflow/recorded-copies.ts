/**
 * Every request the store still knows (open and archived), reduced to what reconciliation
 * compares with the cloud.
 */
import type { Store } from '../store/store.ts';
import type { RecordedCopy } from './reconciliation.ts';
import { type CopyRequestRecord, readRecords, recordView } from './request-record.ts';
import { ARCHIVE_COLLECTION, REQUESTS_COLLECTION } from './runtime.ts';

export async function readRecordedCopies(store: Store, archiveRetentionMs: number): Promise<RecordedCopy[]> {
  const collections = [
    store.collection<CopyRequestRecord>(REQUESTS_COLLECTION),
    store.archive<CopyRequestRecord>(ARCHIVE_COLLECTION, archiveRetentionMs),
  ];
  const copies = new Map<string, RecordedCopy>();
  // The archive second: a request caught between the two while it is archived is read as finished.
  for (const collection of collections) {
    for (const record of await readRecords(collection)) copies.set(record.requestId, recordedCopy(record));
  }
  return [...copies.values()];
}

function recordedCopy(record: CopyRequestRecord): RecordedCopy {
  const view = recordView(record);
  return {
    requestId: view.requestId,
    status: view.status,
    destinationRegionId: view.parameters.destinationRegionId,
    ...(view.copy?.snapshotId === undefined ? {} : { copySnapshotId: view.copy.snapshotId }),
  };
}
