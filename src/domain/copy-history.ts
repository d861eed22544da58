/** Reading the destination region's earlier copies of a disk: what is still running, what counts. */
import type { Snapshot } from '../cloud/cloud-gateway.ts';
import { requestIdOf } from './provenance.ts';
import type { UnfinishedCopy } from './request-facts.ts';

export function findUnfinishedCopy(history: Snapshot[]): UnfinishedCopy | undefined {
  const running = history.find((copy) => copy.status === 'progressing');
  if (!running) return undefined;
  return { snapshotId: running.snapshotId, requestId: requestIdOf(running), progress: running.progress };
}

/** Only finished copies form a base that a later copy can be incremental to. */
export function finishedCopies(history: Snapshot[]): Snapshot[] {
  return history.filter((copy) => copy.status === 'accomplished');
}

export function newestFirst(copies: Snapshot[]): Snapshot[] {
  return [...copies].sort((a, b) => b.creationTime.localeCompare(a.creationTime));
}
