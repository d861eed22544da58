/** What people are shown about the source and the key, read from the facts gathered at validation. */
import { type CopyParameters, DEFAULT_SERVICE_KEY_ALIAS } from '../domain/copy-request.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { SourceSummary } from './copy-request-context.ts';
import type { ResolvedKey } from './request-view.ts';

const BYTES_PER_GIB = 1024 ** 3;

export function summarizeSource(facts: RequestFacts): SourceSummary | undefined {
  const snapshot = facts.sourceSnapshot;
  if (!snapshot) return undefined;
  const diskSizeGiB = facts.sourceDisk?.sizeGiB ?? snapshot.sourceDiskSizeGiB;
  const summary: SourceSummary = { encrypted: snapshot.encrypted, createdAt: snapshot.creationTime };
  const sizeGiB =
    snapshot.fullSizeBytes !== undefined
      ? Math.round((snapshot.fullSizeBytes / BYTES_PER_GIB) * 100) / 100
      : diskSizeGiB;
  if (sizeGiB !== undefined) summary.sizeGiB = sizeGiB;
  if (snapshot.sourceDiskId) summary.diskId = snapshot.sourceDiskId;
  if (diskSizeGiB !== undefined) summary.diskSizeGiB = diskSizeGiB;
  return summary;
}

/** The key a Copy and Encrypt will use, as found in the destination region; none for a plain copy. */
export function resolvedKeyOf(parameters: CopyParameters, facts: RequestFacts): ResolvedKey | undefined {
  if (parameters.copyType !== 'copyAndEncrypt') return undefined;
  const key = facts.destinationKey?.key;
  const defaultServiceKey = parameters.key?.kind !== 'customerMasterKey';
  if (!key) {
    return defaultServiceKey
      ? { keyId: DEFAULT_SERVICE_KEY_ALIAS, alias: DEFAULT_SERVICE_KEY_ALIAS, defaultServiceKey }
      : undefined;
  }
  const alias = defaultServiceKey ? DEFAULT_SERVICE_KEY_ALIAS : key.aliases[0];
  return alias ? { keyId: key.keyId, alias, defaultServiceKey } : { keyId: key.keyId, defaultServiceKey };
}
