/**
 * A submission (a modal's view ID, say) stands for exactly one request or batch: its first try
 * claims a new ID for it, and every later try of the same submission gets that ID back, so a
 * repeated submit never opens a second one.
 */
import type { Store } from '../store/store.ts';
import { INTERACTIVE_STORE_ATTEMPTS, type StoreRetry } from './store-retry.ts';

const SUBMISSIONS_COLLECTION = 'copy-request-submissions';

/** The ID the submission under `key` stands for: `newId()` on its first claim. */
export type SubmissionClaim = (key: string, newId: () => string) => Promise<string>;

export function createSubmissionClaims(
  store: Store,
  retentionMs: number,
  retrying: StoreRetry,
): SubmissionClaim {
  // Stored as `requestId` for batches too: the records written before batches existed say so.
  const submissions = store.archive<{ requestId: string }>(SUBMISSIONS_COLLECTION, retentionMs);
  return async (key, newId) => {
    const candidate = newId();
    const claimed = await retrying(
      'claim submission',
      () => submissions.create(key, { requestId: candidate }),
      INTERACTIVE_STORE_ATTEMPTS,
    );
    return claimed ? candidate : ((await submissions.get(key))?.value.requestId ?? candidate);
  };
}
