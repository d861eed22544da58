/**
 * Sees the progress poller's ticks from outside: the poller asks the gateway about every region
 * due in one tick synchronously, so DescribeSnapshots calls begun in the same turn of the event
 * loop belong to one tick. The HTTP calls each tick cost are read from the cloud stand-in's call
 * log: those that asked about the tick's own snapshots (ticks may overlap on a busy machine, and
 * other steps describe snapshots too). The gateway underneath is the real one; this only watches.
 */
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import type { CallLog } from '../../src/local/alibaba/index.ts';

export interface PollTick {
  /** performance.now() when the tick asked its first region. */
  startedAt: number;
  /** Copies asked about, by region. */
  copies: Map<string, number>;
  /** DescribeSnapshots requests the cloud received for this tick, by region; set once it is over. */
  apiCalls?: Map<string, number>;
}

/** The IDs of a DescribeSnapshots request, as the SDK sends them (a JSON array). */
function snapshotIdsOf(parameter: string): string[] {
  try {
    const ids: unknown = JSON.parse(parameter);
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return parameter.split(',');
  }
}

export function observePollTicks(
  gateway: CloudGateway,
  calls: CallLog,
): { gateway: CloudGateway; ticks: PollTick[] } {
  const ticks: PollTick[] = [];
  let open: { tick: PollTick; asked: Set<string>; firstCall: number; pending: number } | undefined;

  function finish(state: NonNullable<typeof open>): void {
    const apiCalls = new Map<string, number>();
    for (const record of calls.all().slice(state.firstCall)) {
      if (record.action !== 'DescribeSnapshots' || !record.params.SnapshotIds) continue;
      const [first] = snapshotIdsOf(record.params.SnapshotIds);
      if (first === undefined || !state.asked.has(first)) continue;
      const region = record.params.RegionId ?? '?';
      apiCalls.set(region, (apiCalls.get(region) ?? 0) + 1);
    }
    state.tick.apiCalls = apiCalls;
  }

  const observed: CloudGateway = {
    ...gateway,
    describeSnapshots(regionId, snapshotIds) {
      if (!open) {
        const state = {
          tick: { startedAt: performance.now(), copies: new Map() },
          asked: new Set<string>(),
          firstCall: calls.all().length,
          pending: 0,
        };
        open = state;
        ticks.push(state.tick);
        // The next turn of the event loop starts the next tick.
        setImmediate(() => {
          if (open === state) open = undefined;
          if (state.pending === 0) finish(state);
        });
      }
      const state = open;
      state.tick.copies.set(regionId, (state.tick.copies.get(regionId) ?? 0) + snapshotIds.length);
      for (const snapshotId of snapshotIds) state.asked.add(snapshotId);
      state.pending++;
      return gateway.describeSnapshots(regionId, snapshotIds).finally(() => {
        if (--state.pending === 0 && open !== state) finish(state);
      });
    },
  };
  return { gateway: observed, ticks };
}
