/**
 * Batch IDs look like request IDs with their own prefix, so `/snapcopy status` tells them apart;
 * an item's request ID is its batch's followed by its place, so it is known before it exists and
 * creating it again after a crash finds the same request.
 */
import { newRequestId } from '../request-id.ts';

const BATCH_PREFIX = 'sb-';

export function newBatchId(): string {
  return `${BATCH_PREFIX}${newRequestId().slice('sc-'.length)}`;
}

export function isBatchId(id: string): boolean {
  return /^sb-[a-z2-7]{10}$/.test(id);
}

export function itemRequestId(batchId: string, index: number): string {
  return `${batchId}-${String(index + 1).padStart(3, '0')}`;
}
