/**
 * Puts copy requests where a benchmark needs them, through the bot's own service (the same calls
 * the Slack listeners make): submitted and checked against the cloud, approved by an approver
 * when the copy leaves its region, and followed until they reach the wanted state.
 */
import { randomUUID } from 'node:crypto';
import type { CopyParameters, RegionId } from '../../src/domain/copy-request.ts';
import { DEFAULT_IDS } from '../../src/local/slack/index.ts';
import type { CopyRequestService } from '../../src/workflow/copy-request-service.ts';
import type { RequestStatus } from '../../src/workflow/request-view.ts';
import { benchChannelId, benchSnapshotId, DESTINATION_REGIONS, SOURCE_REGION } from './bench-world.ts';
import { reportProgress } from './figures.ts';

export const APPROVER = DEFAULT_IDS.approver;

/** Same region: Copy and Encrypt under the default key (approved by policy); elsewhere a standard copy. */
export function copyOfDisk(diskIndex: number, destinationRegionId: RegionId): CopyParameters {
  const sameRegion = destinationRegionId === SOURCE_REGION;
  return {
    sourceRegionId: SOURCE_REGION,
    sourceSnapshotId: benchSnapshotId(diskIndex),
    destinationRegionId,
    copyType: sameRegion ? 'copyAndEncrypt' : 'copy',
    ...(sameRegion ? { key: { kind: 'defaultServiceKey' as const } } : {}),
    name: `bench-copy-${diskIndex}`,
    description: 'benchmark copy',
    tags: [{ key: 'team', value: 'bench' }],
    retentionDays: 7,
    reason: 'benchmark',
  };
}

/** Runs `work` over every item, at most `limit` at a time. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const SEED_CONCURRENCY = 8;
/** A bound, not an expectation: on a busy two-core machine 1,000 requests take a few minutes. */
const SEED_TIMEOUT_MS = 15 * 60_000;

/** Submits every request (each a separate submission) and returns their IDs in order. */
export async function submitCopies(
  service: CopyRequestService,
  requests: readonly CopyParameters[],
): Promise<string[]> {
  const batch = randomUUID();
  return inParallel(requests, SEED_CONCURRENCY, async (parameters, index) => {
    const requester = { userId: DEFAULT_IDS.requester, channelId: benchChannelId(index) };
    const result = await service.submit(parameters, requester, `bench-${batch}-${index}`);
    if (!result.ok) throw new Error(`seed request ${index} refused: ${JSON.stringify(result.refusals)}`);
    return result.request.requestId;
  });
}

export async function approveAll(service: CopyRequestService, requestIds: readonly string[]): Promise<void> {
  await inParallel(requestIds, SEED_CONCURRENCY, async (requestId) => {
    const result = await service.approve(requestId, APPROVER);
    if (!result.ok) throw new Error(`approval of ${requestId} refused: ${result.reason}`);
  });
}

/** Waits until every request is in one of `statuses`; fails at once if one ends elsewhere. */
export async function waitForStatuses(
  service: CopyRequestService,
  requestIds: readonly string[],
  statuses: readonly RequestStatus[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...requestIds];
  while (pending.length > 0) {
    const still: string[] = [];
    for (const requestId of pending) {
      const view = await service.get(requestId);
      if (view && statuses.includes(view.status)) continue;
      if (view && ['done', 'rejected', 'expired', 'cancelled', 'failed'].includes(view.status)) {
        throw new Error(`${requestId} ended ${view.status} (${view.failure?.code ?? 'no failure code'})`);
      }
      still.push(requestId);
    }
    pending = still;
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${pending.length} requests not ${statuses.join('/')} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface OpenCopies {
  inProgress: string[];
  awaitingApproval: string[];
}

/**
 * `count` open requests spread evenly over the three destination regions, one per disk and
 * region (the cloud allows one unfinished copy of a disk per region). Copies to the source region
 * start at once; the others are approved, except those to `leaveAwaitingRegion`.
 */
export async function seedOpenCopies(
  service: CopyRequestService,
  count: number,
  leaveAwaitingRegion?: RegionId,
): Promise<OpenCopies> {
  const plans = Array.from({ length: count }, (_, index) => {
    const destination = DESTINATION_REGIONS[index % DESTINATION_REGIONS.length]!;
    return {
      destination,
      parameters: copyOfDisk(Math.floor(index / DESTINATION_REGIONS.length), destination),
    };
  });
  reportProgress(`submitting ${count} copy requests`);
  const requestIds = await submitCopies(
    service,
    plans.map((plan) => plan.parameters),
  );
  const needsPerson = (index: number) => plans[index]!.destination !== SOURCE_REGION;
  const awaitingApproval = requestIds.filter(
    (_, index) => needsPerson(index) && plans[index]!.destination === leaveAwaitingRegion,
  );
  const toApprove = requestIds.filter(
    (_, index) => needsPerson(index) && plans[index]!.destination !== leaveAwaitingRegion,
  );
  await waitForStatuses(service, [...toApprove, ...awaitingApproval], ['awaitingApproval'], SEED_TIMEOUT_MS);
  reportProgress(`approving ${toApprove.length} cross-region copies`);
  await approveAll(service, toApprove);
  const waiting = new Set(awaitingApproval);
  const inProgress = requestIds.filter((id) => !waiting.has(id));
  reportProgress(`waiting for ${inProgress.length} copies to start`);
  await waitForStatuses(service, inProgress, ['inProgress'], SEED_TIMEOUT_MS);
  return { inProgress, awaitingApproval };
}

/** Disks needed for `count` open copies spread over the destination regions. */
export const disksFor = (count: number) => Math.ceil(count / DESTINATION_REGIONS.length);
