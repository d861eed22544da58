/**
 * What the bot's store holds once the last generation has stopped: every request, open or archived,
 * as the workflow would show it. Read with the product's own store code, after the bot is gone.
 */

import { createLogger } from '../../src/observability/logger.ts';
import { createStore } from '../../src/store/index.ts';
import { batchRecordView, type CopyBatchRecord } from '../../src/workflow/batch/batch-record.ts';
import { BATCH_ARCHIVE_COLLECTION, BATCHES_COLLECTION } from '../../src/workflow/batch/batch-runtime.ts';
import type { BatchView } from '../../src/workflow/batch/copy-batch-view.ts';
import { type CopyRequestRecord, readRecords, recordView } from '../../src/workflow/request-record.ts';
import type { RequestView } from '../../src/workflow/request-view.ts';
import { ARCHIVE_COLLECTION, REQUESTS_COLLECTION } from '../../src/workflow/runtime.ts';

export interface StoredRequest {
  view: RequestView;
  archived: boolean;
  /** When the bot took a person's cancel, even one of a copy that finished cancelling later. */
  cancelTakenAt?: number;
}

const READ_RETENTION_MS = 24 * 3600_000;

export async function readStoredRequests(storeUrl: string): Promise<StoredRequest[]> {
  const store = await createStore(storeUrl, { logger: createLogger('crash-store', { level: 'error' }) });
  try {
    const found: StoredRequest[] = [];
    const collections = [
      { collection: store.collection<CopyRequestRecord>(REQUESTS_COLLECTION), archived: false },
      { collection: store.archive<CopyRequestRecord>(ARCHIVE_COLLECTION, READ_RETENTION_MS), archived: true },
    ];
    for (const { collection, archived } of collections) {
      for (const record of await readRecords(collection)) {
        const view = recordView(record);
        const cancelTakenAt = record.snapshot?.context.cancelRequested?.at ?? view.cancellation?.at;
        found.push({ view, archived, ...(cancelTakenAt === undefined ? {} : { cancelTakenAt }) });
      }
    }
    return found;
  } finally {
    await store.close();
  }
}

/** Every batch the store holds, open or archived, as the workflow would show it. */
export async function readStoredBatches(storeUrl: string): Promise<BatchView[]> {
  const store = await createStore(storeUrl, { logger: createLogger('crash-store', { level: 'error' }) });
  try {
    const views: BatchView[] = [];
    for (const collection of [
      store.collection<CopyBatchRecord>(BATCHES_COLLECTION),
      store.archive<CopyBatchRecord>(BATCH_ARCHIVE_COLLECTION, READ_RETENTION_MS),
    ]) {
      for (const record of await readRecords(collection)) views.push(batchRecordView(record));
    }
    return views;
  } finally {
    await store.close();
  }
}
