/**
 * A snapshot's progress is never stored: it is derived from its timeline and the simulated clock
 * whenever it is read, so advancing or speeding up the clock moves every copy at once.
 */
import type { SnapshotStatus } from './world-file.ts';

export interface Timeline {
  startedAt: number;
  durationMs: number;
  failedAt?: number;
}

export interface LifecycleState {
  status: SnapshotStatus;
  /** Whole percent, 0–100. */
  progress: number;
  /** Simulated seconds left while progressing, else 0. */
  remainTimeSeconds: number;
}

export function lifecycleAt(timeline: Timeline, now: number): LifecycleState {
  const { startedAt, durationMs, failedAt } = timeline;
  const finishesAt = startedAt + durationMs;
  if (failedAt !== undefined && failedAt < finishesAt && failedAt <= now) {
    return { status: 'failed', progress: percentDone(timeline, failedAt), remainTimeSeconds: 0 };
  }
  if (now >= finishesAt) return { status: 'accomplished', progress: 100, remainTimeSeconds: 0 };
  return {
    status: 'progressing',
    progress: Math.min(99, percentDone(timeline, now)),
    remainTimeSeconds: Math.ceil((finishesAt - now) / 1000),
  };
}

function percentDone({ startedAt, durationMs }: Timeline, at: number): number {
  if (durationMs <= 0) return 100;
  // The epsilon keeps 30% from reading as 29% after floating-point division.
  return Math.max(0, Math.floor(((at - startedAt) / durationMs) * 100 + 1e-9));
}

export function finishedTimeline(at: number): Timeline {
  return { startedAt: at, durationMs: 0 };
}

export function runningTimeline(now: number, durationMs: number): Timeline {
  return { startedAt: now, durationMs };
}

/** A snapshot already `progress`% done with `remainSeconds` to go, as a world file describes it. */
export function resumedTimeline(now: number, progress: number, remainSeconds: number): Timeline {
  const remainMs = Math.max(1000, remainSeconds * 1000);
  const done = Math.min(progress, 99) / 100;
  const durationMs = remainMs / (1 - done);
  return { startedAt: now - done * durationMs, durationMs };
}

/** A snapshot that stopped at `progress`% and failed just now. */
export function failedTimeline(now: number, progress: number): Timeline {
  const durationMs = 100_000;
  return { startedAt: now - (Math.min(progress, 99) / 100) * durationMs, durationMs, failedAt: now };
}
