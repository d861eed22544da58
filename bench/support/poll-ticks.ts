/**
 * Sees the progress poller's ticks from outside: the poller asks the gateway about every region
 * due in one tick synchronously, so DescribeSnapshots calls begun in the same turn of the event
 * loop belong to one tick. The HTTP calls each tick cost are read from the cloud stand-in's call
 * log: those that asked about the tick's own snapshots (ticks may overlap on a busy machine, and
 * other steps describe snapshots too). The gateway underneath is the real one; this only watches.
 */
import { createAlibabaGateway } from '../../src/cloud/alibaba/index.ts';
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import type { CallLog } from '../../src/local/alibaba/index.ts';
import { createLogger } from '../../src/observability/logger.ts';
import type { LocalBot, LocalStack, StartBotOptions } from './local-stack.ts';

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

/** DescribeSnapshots takes at most this many snapshot IDs per call. */
export const IDS_PER_CALL = 100;

export interface TickLimitCheck {
  /** The region-tick furthest over (or least under) its allowance. */
  worst: { calls: number; allowed: number; region: string; copies: number };
  /** Region-ticks that took more calls than ceil(copies / 100). */
  overLimit: number;
  /** Region-ticks looked at. */
  regionTicks: number;
  apiCalls: number;
}

/**
 * Holds every finished tick to the poller's promise: per destination region, no more
 * DescribeSnapshots calls than ceil(copies asked about / 100). Ticks still waiting for answers
 * are left out, so callers may pass a live list.
 */
export function checkTickLimit(ticks: readonly PollTick[]): TickLimitCheck {
  const check: TickLimitCheck = {
    worst: { calls: 0, allowed: 0, region: '', copies: 0 },
    overLimit: 0,
    regionTicks: 0,
    apiCalls: 0,
  };
  for (const tick of ticks) {
    if (!tick.apiCalls) continue;
    for (const [region, copies] of tick.copies) {
      const calls = tick.apiCalls.get(region) ?? 0;
      const allowed = Math.ceil(copies / IDS_PER_CALL);
      check.apiCalls += calls;
      check.regionTicks++;
      if (calls > allowed) check.overLimit++;
      const { worst } = check;
      if (worst.region === '' || calls - allowed > worst.calls - worst.allowed)
        check.worst = { calls, allowed, region, copies };
    }
  }
  return check;
}

/** A bot on the stack whose real gateway is watched, so its poll ticks can be counted. */
export async function startObservedBot(
  stack: LocalStack,
  options: StartBotOptions = {},
): Promise<LocalBot & { ticks: PollTick[] }> {
  const gateway = createAlibabaGateway({
    ...stack.botConfig(options.env).alibaba,
    logger: createLogger('cloud', { level: 'error' }),
  });
  const observed = observePollTicks(gateway, stack.cloud.calls);
  const bot = await stack.startBot({
    ...options,
    overrides: { ...options.overrides, gateway: observed.gateway },
  });
  return { ...bot, ticks: observed.ticks };
}
