/**
 * One poller for every running copy (SPEC §7): per tick, one DescribeSnapshots call per
 * destination region covers all copies due there (the gateway splits beyond 100 IDs). Each copy
 * has its own next poll time, sooner when RemainTime says it is nearly done, later for long copies.
 */
import type { CloudGateway, Snapshot } from '../cloud/cloud-gateway.ts';
import type { Logger } from '../observability/logger.ts';
import { atTime, type Clock } from './clock.ts';
import type { ProgressEvent, TrackedCopy } from './copy-request-context.ts';

export interface ProgressPollerOptions {
  gateway: CloudGateway;
  clock: Clock;
  logger: Logger;
  minIntervalMs: number;
  maxIntervalMs: number;
}

export interface ProgressPoller {
  /** Polls the copy until the returned function is called; results go to `report`. */
  track(copy: TrackedCopy, report: (event: ProgressEvent) => void): () => void;
  stop(): void;
}

interface Entry {
  copy: TrackedCopy;
  report: (event: ProgressEvent) => void;
  nextPollAt: number;
  /** Consecutive polls that did not find the copy. */
  misses: number;
  lastReported?: string;
}

/** A copy absent from this many polls in a row is gone; one miss may be a listing still catching up. */
const MISSES_BEFORE_VANISHED = 2;

export function createProgressPoller(options: ProgressPollerOptions): ProgressPoller {
  const { gateway, clock, logger, minIntervalMs, maxIntervalMs } = options;
  const entries = new Map<string, Entry>();
  let cancelTimer: (() => void) | undefined;
  let armedFor: number | undefined;
  let ticking = false;
  let stopped = false;

  const intervalFor = (remainTimeSeconds: number | undefined) =>
    remainTimeSeconds === undefined
      ? minIntervalMs
      : Math.min(maxIntervalMs, Math.max(minIntervalMs, (remainTimeSeconds * 1000) / 4));

  function schedule(): void {
    if (stopped || ticking) return;
    let earliest: number | undefined;
    for (const entry of entries.values()) {
      if (earliest === undefined || entry.nextPollAt < earliest) earliest = entry.nextPollAt;
    }
    if (earliest === armedFor) return;
    cancelTimer?.();
    cancelTimer = undefined;
    armedFor = earliest;
    if (earliest === undefined) return;
    cancelTimer = atTime(clock, earliest, () => {
      armedFor = undefined;
      cancelTimer = undefined;
      void tick();
    });
  }

  async function tick(): Promise<void> {
    ticking = true;
    try {
      // Copies due within half an interval ride along, so copies started together stay in one call.
      const horizon = clock.now() + minIntervalMs / 2;
      const dueByRegion = new Map<string, Entry[]>();
      for (const entry of entries.values()) {
        if (entry.nextPollAt > horizon) continue;
        const due = dueByRegion.get(entry.copy.regionId) ?? [];
        due.push(entry);
        dueByRegion.set(entry.copy.regionId, due);
      }
      await Promise.all([...dueByRegion].map(([regionId, due]) => pollRegion(regionId, due)));
    } finally {
      ticking = false;
      schedule();
    }
  }

  async function pollRegion(regionId: string, due: Entry[]): Promise<void> {
    let snapshots: Snapshot[];
    try {
      snapshots = await gateway.describeSnapshots(
        regionId,
        due.map((entry) => entry.copy.snapshotId),
      );
    } catch (error) {
      logger.warn('progress poll failed; retrying next tick', { regionId, copies: due.length, error });
      for (const entry of due) entry.nextPollAt = clock.now() + minIntervalMs;
      return;
    }
    const byId = new Map(snapshots.map((snapshot) => [snapshot.snapshotId, snapshot]));
    const now = clock.now();
    for (const entry of due) {
      // Untracked while the call was out (the request moved on): its result is no longer wanted.
      if (entries.get(entry.copy.requestId) !== entry) continue;
      entry.nextPollAt = now + minIntervalMs;
      const snapshot = byId.get(entry.copy.snapshotId);
      if (!snapshot) {
        entry.misses++;
        if (entry.misses >= MISSES_BEFORE_VANISHED) entry.report(vanished(entry.copy, now));
        continue;
      }
      entry.misses = 0;
      if (snapshot.status === 'accomplished') {
        entry.report({ type: 'COPY_SUCCEEDED', at: now });
      } else if (snapshot.status === 'failed') {
        entry.report({
          type: 'COPY_FAILED',
          code: 'SnapshotCopyFailed',
          hint: `Alibaba Cloud reports the copy ${snapshot.snapshotId} in ${regionId} as failed, for example because its KMS key was disabled or scheduled for deletion during the copy. Check the key and ask again.`,
          at: now,
        });
      } else {
        entry.nextPollAt = now + intervalFor(snapshot.remainTime);
        const progress = `${snapshot.progress}/${snapshot.remainTime ?? ''}`;
        if (progress === entry.lastReported) continue;
        entry.lastReported = progress;
        const event: ProgressEvent = { type: 'PROGRESS', progress: snapshot.progress, at: now };
        if (snapshot.remainTime !== undefined) event.remainTime = snapshot.remainTime;
        entry.report(event);
      }
    }
  }

  return {
    track(copy, report) {
      const entry: Entry = { copy, report, nextPollAt: clock.now() + minIntervalMs, misses: 0 };
      entries.set(copy.requestId, entry);
      schedule();
      return () => {
        if (entries.get(copy.requestId) === entry) entries.delete(copy.requestId);
        schedule();
      };
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      entries.clear();
    },
  };
}

function vanished(copy: TrackedCopy, at: number): ProgressEvent {
  return {
    type: 'COPY_FAILED',
    code: 'SnapshotCopyVanished',
    hint: `The new snapshot ${copy.snapshotId} is no longer in ${copy.regionId}: it was deleted outside snapcopy, so the copy cannot finish.`,
    at,
  };
}
