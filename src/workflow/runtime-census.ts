/**
 * What the runtime knows about its requests at one moment, counted when metrics are scraped
 * rather than kept up to date on every change: the live hosts and the store already hold it.
 */

import type { BatchStatus } from './batch/copy-batch-view.ts';
import { type Outbox, undeliveredSlots } from './notification-outbox.ts';
import type { RequestStatus, RequestView } from './request-view.ts';

export interface RuntimeCensus {
  /** Open requests (not archived yet), by status. */
  requests: Partial<Record<RequestStatus, number>>;
  /** Copies the cloud is making for requests (CopySnapshot sent or running), by destination region. */
  copiesInFlight: Record<string, number>;
  /** Requests waiting for a copy slot (none sent yet), by destination region; the leader's only. */
  copiesQueued: Record<string, number>;
  /** Open batches (not archived yet), by status; their items count among the requests. */
  batches: Partial<Record<BatchStatus, number>>;
  /** Notification slots of the requests and batches run here whose latest revision is not delivered yet. */
  undeliveredSlots: number;
}

const IN_FLIGHT: readonly RequestStatus[] = ['copying', 'inProgress'];

export function takeCensus(
  views: Iterable<RequestView>,
  outboxes: Iterable<Outbox<string>>,
  batches: Iterable<{ status: BatchStatus }> = [],
): RuntimeCensus {
  const census: RuntimeCensus = {
    requests: {},
    copiesInFlight: {},
    copiesQueued: {},
    batches: {},
    undeliveredSlots: 0,
  };
  for (const { status } of batches) census.batches[status] = (census.batches[status] ?? 0) + 1;
  for (const view of views) {
    census.requests[view.status] = (census.requests[view.status] ?? 0) + 1;
    if (!IN_FLIGHT.includes(view.status)) continue;
    const region = view.parameters.destinationRegionId;
    const counts = view.queued ? census.copiesQueued : census.copiesInFlight;
    counts[region] = (counts[region] ?? 0) + 1;
  }
  for (const outbox of outboxes) census.undeliveredSlots += undeliveredSlots(outbox);
  return census;
}
