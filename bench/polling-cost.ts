/**
 * Polling cost with 1,000 copies in flight across 3 destination regions: how many DescribeSnapshots
 * requests each poll tick sends per region (target: at most ceil(n/100) for the n copies it
 * covers there) and the CPU time a tick costs. Measured twice: in the process that started the
 * copies one after another, and in a fresh process that restored them all at once.
 *
 * Run: npx tsx bench/polling-cost.ts
 */
import { DESTINATION_REGIONS } from './support/bench-world.ts';
import { describeMachine, median, ms, reportFigure, verdict } from './support/figures.ts';
import { startLocalStack } from './support/local-stack.ts';
import { checkTickLimit, type PollTick, startObservedBot } from './support/poll-ticks.ts';
import { disksFor, seedOpenCopies } from './support/seed-requests.ts';

const COPIES = 1000;
/** Short intervals so a run sees many ticks; a copy this large stays at the longest interval. */
const POLL_MIN_MS = 1_000;
const POLL_MAX_MS = 4_000;
const COPY_SIZE_GIB = 30_000;
const SETTLE_CYCLES = 2;
const MEASURED_CYCLES = 5;
const MEASURED_MS = MEASURED_CYCLES * POLL_MAX_MS;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Ticks and process CPU over whole polling cycles, once the poller has settled into its rhythm. */
async function measure(label: string, ticks: PollTick[]): Promise<void> {
  await sleep(SETTLE_CYCLES * POLL_MAX_MS);
  const firstTick = ticks.length;
  const cpuBefore = process.cpuUsage();
  await sleep(MEASURED_MS);
  const cpu = process.cpuUsage(cpuBefore);
  const measured = ticks.slice(firstTick);
  // The last tick may still be waiting for its answers.
  while (measured.some((tick) => !tick.apiCalls)) await sleep(50);

  const copiesPerTick = measured.map((tick) => [...tick.copies.values()].reduce((a, b) => a + b, 0));
  const { worst, overLimit, apiCalls } = checkTickLimit(measured);
  const polled = copiesPerTick.reduce((a, b) => a + b, 0);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  reportFigure(
    `polling ${label}: ${measured.length} ticks in ${MEASURED_MS / 1000} s, copies per tick median ${median(copiesPerTick)} (min ${Math.min(...copiesPerTick)}, max ${Math.max(...copiesPerTick)}), ${(polled / apiCalls).toFixed(1)} IDs per DescribeSnapshots call on average`,
  );
  reportFigure(
    `polling ${label}: DescribeSnapshots per tick per region: worst ${worst.calls} for ${worst.copies} copies in ${worst.region} (ceil(n/100) = ${worst.allowed}); region-ticks over the limit ${overLimit} | target ≤ ceil(n/100) ${verdict(overLimit === 0)}`,
  );
  reportFigure(
    `polling ${label}: CPU per tick ${ms(cpuMs / Math.max(1, measured.length))}, per copy polled ${ms(cpuMs / Math.max(1, polled))} (user+system of the whole process, stand-ins included)`,
  );
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const stack = await startLocalStack({
    cloud: { disks: disksFor(COPIES), sizeGiB: COPY_SIZE_GIB },
    clockSpeed: 1,
    env: { SNAPCOPY_POLL_MIN_INTERVAL: `${POLL_MIN_MS}ms`, SNAPCOPY_POLL_MAX_INTERVAL: `${POLL_MAX_MS}ms` },
  });
  try {
    const first = await startObservedBot(stack);
    const seedStarted = performance.now();
    // Frozen, the copies report no progress while the rest are started, which keeps starting them cheap.
    stack.cloud.clock.setSpeed(0);
    await seedOpenCopies(first.running.service, COPIES);
    stack.cloud.clock.setSpeed(1);
    reportFigure(
      `polling: ${COPIES} copies in flight across ${DESTINATION_REGIONS.length} regions (started through the bot in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s); poll interval ${POLL_MIN_MS}–${POLL_MAX_MS} ms`,
    );
    await measure('while running', first.ticks);
    await first.stop();

    const second = await startObservedBot(stack);
    await measure('after a restart', second.ticks);
    await second.stop();
  } finally {
    await stack.close();
  }
}

await main();
