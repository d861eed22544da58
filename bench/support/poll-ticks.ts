/**
 * Sees the progress poller's ticks from outside: the poller asks the gateway about every region
 * due in one tick synchronously, so DescribeSnapshots calls begun in the same turn of the event
 * loop belong to one tick. The HTTP calls each tick cost are read from the cloud stand-in's call
 * log. The gateway underneath is the real one; this only watches.
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

export function observePollTicks(
  gateway: CloudGateway,
  calls: CallLog,
): { gateway: CloudGateway; ticks: PollTick[] } {
  const ticks: PollTick[] = [];
  let open: { tick: PollTick; firstCall: number; pending: number } | undefined;

  function finish(state: NonNullable<typeof open>): void {
    const apiCalls = new Map<string, number>();
    for (const record of calls.all().slice(state.firstCall)) {
      if (record.action !== 'DescribeSnapshots' || !record.params.SnapshotIds) continue;
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
      state.pending++;
      return gateway.describeSnapshots(regionId, snapshotIds).finally(() => {
        if (--state.pending === 0 && open !== state) finish(state);
      });
    },
  };
  return { gateway: observed, ticks };
}
