/**
 * The tags snapcopy puts on every copy, so a copy can be traced back to its request and found
 * again after a crash (SPEC §3), and the idempotency token that makes a retried CopySnapshot
 * return the same copy instead of making a second one (SPEC §6).
 */
import { createHash } from 'node:crypto';
import type { RegionId, Tag } from './copy-request.ts';

export const REQUEST_ID_TAG_KEY = 'snapcopy:request-id';
export const SOURCE_SNAPSHOT_ID_TAG_KEY = 'snapcopy:source-snapshot-id';
export const SOURCE_REGION_ID_TAG_KEY = 'snapcopy:source-region-id';
export const SOURCE_DISK_ID_TAG_KEY = 'snapcopy:source-disk-id';
/** Only on the copies of a batch: which batch they belong to. */
export const BATCH_ID_TAG_KEY = 'snapcopy:batch-id';

/** Keys starting with this belong to snapcopy; a requester may not set them. */
export const PROVENANCE_TAG_PREFIX = 'snapcopy:';

/** CopySnapshot accepts at most this many tags per snapshot. */
export const MAX_TAGS_PER_SNAPSHOT = 20;
/** Kept the same for single requests and batches, so the same tags fit either way. */
const PROVENANCE_TAG_COUNT = 5;
/** What is left for the requester once snapcopy's own tags are counted. */
export const MAX_REQUESTER_TAGS = MAX_TAGS_PER_SNAPSHOT - PROVENANCE_TAG_COUNT;

export interface Provenance {
  requestId: string;
  sourceSnapshotId: string;
  sourceRegionId: RegionId;
  /** Absent when the snapshot does not name its disk; the tag is then left out. */
  sourceDiskId?: string;
  batchId?: string;
}

export function provenanceTags(provenance: Provenance): Tag[] {
  const tags: Tag[] = [
    { key: REQUEST_ID_TAG_KEY, value: provenance.requestId },
    { key: SOURCE_SNAPSHOT_ID_TAG_KEY, value: provenance.sourceSnapshotId },
    { key: SOURCE_REGION_ID_TAG_KEY, value: provenance.sourceRegionId },
  ];
  if (provenance.sourceDiskId) tags.push({ key: SOURCE_DISK_ID_TAG_KEY, value: provenance.sourceDiskId });
  if (provenance.batchId) tags.push({ key: BATCH_ID_TAG_KEY, value: provenance.batchId });
  return tags;
}

/** The request that made a copy, read back from its provenance tag. */
export function requestIdOf(copy: { tags: Tag[] }): string | undefined {
  return copy.tags.find((tag) => tag.key === REQUEST_ID_TAG_KEY)?.value;
}

const CLIENT_TOKEN_PREFIX = 'snapcopy-';
/** ClientToken: ASCII, at most 64 characters. */
const MAX_CLIENT_TOKEN_LENGTH = 64;

/**
 * Deterministic per request, so every retry and every restart sends the same token. A request ID
 * that would not fit (too long, or not ASCII) is hashed instead, which is just as stable.
 */
export function clientTokenFor(requestId: string): string {
  const token = `${CLIENT_TOKEN_PREFIX}${requestId}`;
  if (token.length <= MAX_CLIENT_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token)) return token;
  const digest = createHash('sha256').update(requestId).digest('hex');
  return `${CLIENT_TOKEN_PREFIX}${digest}`.slice(0, MAX_CLIENT_TOKEN_LENGTH);
}
