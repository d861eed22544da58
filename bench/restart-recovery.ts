/**
 * Restart recovery: 1,000 open requests persisted in SQLite (two thirds copying, one third
 * awaiting approval), then the time a fresh bot takes until all of them are resumed (actors
 * restored, deadlines re-armed, copies back in the poller). Measured in this process (the bot's
 * start(), modules already loaded) and as a real restart (`node bin/snapcopy.js bot` in a child
 * process, from spawn until it logs that the requests are restored). Target: under 2 s.
 *
 * Run: npx tsx bench/restart-recovery.ts
 */
import { BOT_ENTRY, startAppProcess } from './support/app-process.ts';
import { describeMachine, median, ms, reportFigure, verdict } from './support/figures.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';
import { disksFor, seedOpenCopies } from './support/seed-requests.ts';

const OPEN_REQUESTS = 1000;
const RESTARTS = 3;
const TARGET_MS = 2_000;
const CHILD_LIMIT_MS = 120_000;

interface Restored {
  open: number;
  unrestorable: number;
}

/** The runtime logs this once every stored request has been looked at. */
function restoredEntry(entry: Record<string, unknown>): Restored | undefined {
  return entry.message === 'copy requests restored' ? (entry as unknown as Restored) : undefined;
}

function notAllResumed(restored: Restored | undefined): Error | undefined {
  if (restored?.open === OPEN_REQUESTS && restored.unrestorable === 0) return undefined;
  return new Error(`expected ${OPEN_REQUESTS} requests resumed, got ${JSON.stringify(restored)}`);
}

async function restartInProcess(stack: LocalStack): Promise<number> {
  let restored: Restored | undefined;
  let restoredAt = 0;
  const started = performance.now();
  const bot = await stack.startBot({
    onLogLine: (line) => {
      const found = line.includes('copy requests restored')
        ? restoredEntry(JSON.parse(line) as Record<string, unknown>)
        : undefined;
      if (found) {
        restored = found;
        restoredAt = performance.now();
      }
    },
  });
  await bot.stop();
  const problem = notAllResumed(restored);
  if (problem) throw problem;
  return restoredAt - started;
}

/** A real restart: a new process running the bot's own entry point, until its requests are resumed. */
async function restartProcess(stack: LocalStack): Promise<{ total: number; untilStore: number }> {
  const started = performance.now();
  let untilStore = 0;
  const bot = await startAppProcess({
    args: [BOT_ENTRY, 'bot'],
    env: stack.botEnvironment(),
    // Its own directory, so no developer's .env is read.
    cwd: stack.dir,
    ready: (entry) => {
      if (!untilStore && entry.message === 'store opened') untilStore = performance.now() - started;
      return restoredEntry(entry);
    },
    limitMs: CHILD_LIMIT_MS,
  });
  const total = performance.now() - started;
  await bot.stop();
  const problem = notAllResumed(bot.ready);
  if (problem) throw problem;
  return { total, untilStore };
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const stack = await startLocalStack({
    cloud: { disks: disksFor(OPEN_REQUESTS), sizeGiB: 30_000 },
    // Frozen: the copies stay in flight, reporting no progress, however long the machine takes.
    clockSpeed: 0,
  });
  try {
    const seeding = await stack.startBot();
    const open = await seedOpenCopies(seeding.running.service, OPEN_REQUESTS, 'ap-southeast-1');
    await seeding.stop();
    const mix = `${open.inProgress.length} copying, ${open.awaitingApproval.length} awaiting approval`;

    const inProcess: number[] = [];
    for (let restart = 0; restart < RESTARTS; restart++) inProcess.push(await restartInProcess(stack));
    const processes: Array<{ total: number; untilStore: number }> = [];
    for (let restart = 0; restart < RESTARTS; restart++) processes.push(await restartProcess(stack));

    const startMs = median(inProcess);
    reportFigure(
      `restart-recovery start(): ${OPEN_REQUESTS} open requests (${mix}) resumed in ${ms(startMs)} (median of ${RESTARTS}: ${inProcess.map(ms).join(', ')}), ${(startMs / OPEN_REQUESTS).toFixed(2)} ms each | target < ${TARGET_MS / 1000} s ${verdict(startMs < TARGET_MS)}`,
    );
    const totalMs = median(processes.map((run) => run.total));
    const loadMs = median(processes.map((run) => run.untilStore));
    reportFigure(
      `restart-recovery from process start (node bin/snapcopy.js bot): all resumed after ${ms(totalMs)} (median of ${RESTARTS}), of which ${ms(loadMs)} until the store was opened (node, loading the compiled modules) | target < ${TARGET_MS / 1000} s ${verdict(totalMs < TARGET_MS)}`,
    );
  } finally {
    await stack.close();
  }
}

await main();
