/**
 * One crash run: the stand-ins in this process, the real bot as a child process on a SQLite file,
 * people acting out a seeded set of request scripts, and a controller killing the bot with SIGKILL
 * at the planned points until every request has ended. Then one more kill and a restart that must
 * find nothing left to do twice, a clean stop, and the verdict.
 */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchPerson, type BatchPersonReport } from './batch-person.ts';
import { type BatchKind, type BatchScript, planBatches } from './batch-scripts.ts';
import { type BatchFinding, judgeBatches } from './batch-verdict.ts';
import type { StopSignal } from './bot-process.ts';
import { type ControllerTiming, CrashController } from './crash-controller.ts';
import { type CrashEnvironment, openCrashEnvironment } from './crash-environment.ts';
import { judgeCrashRun, type RequestFinding } from './crash-verdict.ts';
import { ExpiryWindow } from './expiry-window.ts';
import { EVENT_KILL_POINTS, type KillPoint, type KillRecord, planKills } from './kill-plan.ts';
import { type PersonContext, until } from './person-context.ts';
import { planRequests, type RequestScript, type ScriptKind } from './request-scripts.ts';
import { type PersonReport, type PersonTiming, ScriptedPerson } from './scripted-person.ts';
import { type SeededRandom, seededRandom } from './seeded-random.ts';
import { readStoredBatches, readStoredRequests } from './stored-requests.ts';

export interface CrashRunOptions {
  seed: number;
  requests: number;
  /** The requests' kinds, in order; default: random (every kind once when there is room). */
  kinds?: readonly ScriptKind[];
  /** Batches beside the requests, by kind, each on its own instance. */
  batches: readonly BatchKind[];
  /** Kills at event points. */
  kills: number;
  /** The event points to kill at. */
  killPoints: readonly KillPoint[];
  /** Plus one expiryWhileDown kill (the run needs a request that must expire). */
  expiryWhileDown: boolean;
  approvalTtlMs: number;
  /** How the bot is stopped at each point: SIGKILL (a crash) or SIGTERM (a graceful stop). */
  signal: StopSignal;
  /** Simulated cloud seconds per real second. */
  clockSpeed: number;
  copyGiBPerMinute: number;
  copyGiB: { min: number; max: number };
  /** Requesters start within this many ms. */
  spreadMs: number;
  controller: ControllerTiming;
  people: PersonTiming;
  /** The run gives up (and fails) when requests have not ended by then. */
  deadlineMs: number;
  botLogLevel: 'debug' | 'info';
  /** Keep the temp dir (bot log, SQLite file, world file) for a post-mortem. */
  keepFiles: boolean;
  /** Progress lines (the seed first). */
  log(line: string): void;
}

export interface CrashRunReport {
  seed: number;
  scripts: RequestScript[];
  batches: BatchScript[];
  kills: KillRecord[];
  /** Planned kill points that never came up. */
  missedKillPoints: KillPoint[];
  people: PersonReport[];
  batchPeople: BatchPersonReport[];
  batchFindings: BatchFinding[];
  findings: RequestFinding[];
  /** Empty when the run proved its point. */
  problems: string[];
  durationMs: number;
  /** The bot's log, kept only with keepFiles. */
  logFile?: string;
  botLogTail: string[];
}

/** Sized for CI: a handful of requests of every kind, a dozen kills, about a minute on two cores. */
export const CI_CRASH_RUN: Omit<CrashRunOptions, 'seed' | 'log'> = {
  requests: 8,
  batches: [],
  kills: 9,
  killPoints: EVENT_KILL_POINTS,
  expiryWhileDown: false,
  signal: 'SIGKILL',
  approvalTtlMs: 30_000,
  clockSpeed: 20,
  copyGiBPerMinute: 60,
  copyGiB: { min: 100, max: 300 },
  spreadMs: 3_000,
  controller: {
    uptimeMs: { min: 300, max: 1_500 },
    downtimeMs: { min: 0, max: 600 },
    armTimeoutMs: 6_000,
  },
  people: { cardWaitMs: 15_000, clickWaitMs: 10_000, redeliveryGraceMs: 4_000 },
  deadlineMs: 240_000,
  botLogLevel: 'info',
  keepFiles: false,
};

const QUIET_MS = 1_500;
const QUIET_LIMIT_MS = 20_000;

export async function runCrashRun(options: CrashRunOptions): Promise<CrashRunReport> {
  const startedAt = Date.now();
  const random = seededRandom(options.seed);
  const scripts = planRequests(random, {
    count: options.requests,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    spreadMs: options.spreadMs,
    copyGiB: options.copyGiB,
  });
  const batches = planBatches(random, {
    kinds: options.batches,
    spreadMs: options.spreadMs,
    copyGiB: options.copyGiB,
  });
  const plan = planKills(random, options.kills, options.killPoints, options.expiryWhileDown);
  options.log(
    `crash run seed=${options.seed}: ${scripts.length} requests (${scripts.map((s) => s.kind).join(', ')}), ` +
      `${batches.length} batches (${batches.map((b) => b.kind).join(', ') || 'none'}), ${plan.length} kills planned; replay with SNAPCOPY_CRASH_SEED=${options.seed}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'snapcopy-crash-'));
  let environment: CrashEnvironment | undefined;
  try {
    environment = await openCrashEnvironment(dir, scripts, options, batches);
    await environment.startBot();
    const acted = await actOut(environment, scripts, batches, plan, random, options, startedAt);
    options.log(
      `${acted.ended ? 'all requests ended' : 'out of time'} after ${acted.kills.length} kills; ` +
        'one more kill, then a restart that must find nothing left to do',
    );
    await restartAfterTheEnd(environment);
    const verdict = judgeCrashRun({
      people: acted.reports,
      ledger: environment.ledger,
      cloud: environment.cloud,
      stored: await readStoredRequests(environment.storeUrl),
      kills: acted.kills,
      startedAt,
      unexpectedExits: environment.bot.unexpectedExits,
    });
    const batchFindings = judgeBatches({
      people: acted.batchReports,
      ledger: environment.ledger,
      cloud: environment.cloud,
      stored: await readStoredBatches(environment.storeUrl),
    });
    const problems = [
      ...(acted.ended
        ? []
        : [`requests did not end within ${options.deadlineMs} ms: ${acted.stuck.join('; ')}`]),
      ...verdict.problems,
      ...batchFindings.flatMap((finding) => finding.problems),
    ];
    return {
      seed: options.seed,
      scripts,
      batches,
      kills: acted.kills,
      missedKillPoints: acted.missed,
      people: acted.reports,
      batchPeople: acted.batchReports,
      batchFindings,
      findings: verdict.findings,
      problems,
      durationMs: Date.now() - startedAt,
      ...(options.keepFiles ? { logFile: environment.logFile } : {}),
      botLogTail: environment.bot.logTail(),
    };
  } finally {
    await environment?.close();
    if (!options.keepFiles) rmSync(dir, { recursive: true, force: true });
  }
}

interface ActedOut {
  ended: boolean;
  /** Requests still open when time ran out. */
  stuck: string[];
  reports: PersonReport[];
  batchReports: BatchPersonReport[];
  kills: KillRecord[];
  missed: KillPoint[];
}

/** People act out their scripts while the controller kills the bot, until every request has ended. */
async function actOut(
  environment: CrashEnvironment,
  scripts: readonly RequestScript[],
  batches: readonly BatchScript[],
  plan: readonly KillPoint[],
  random: SeededRandom,
  options: CrashRunOptions,
  startedAt: number,
): Promise<ActedOut> {
  const { bot, ledger, slack } = environment;
  const abort = new AbortController();
  // Every person waiting on something listens for the stop; dozens at once is expected, not a leak.
  setMaxListeners(0, abort.signal);
  const context = personContext(environment, abort.signal);
  const people = scripts.map((script) => new ScriptedPerson(context, script, options.people));
  const batchPeople = batches.map((script) => new BatchPerson(context, script, options.people));
  const batchSnapshots = new Set(batches.flatMap((batch) => batch.disks.map((disk) => disk.snapshotId)));
  const expiryWindow = new ExpiryWindow(people, ledger, options.approvalTtlMs);
  const controller = new CrashController(
    {
      random,
      bot,
      restart: environment.startBot,
      onCloudCall: environment.onCloudCall,
      onSlackChange: (listener) => slack.onChange(listener),
      requestAwaitingDecision: () =>
        people.map((p) => p.report.requestId).find((id) => id !== undefined && ledger.awaitsDecision(id)) ??
        batchPeople
          .map((p) => p.report.batchId)
          .find((id) => id !== undefined && ledger.awaitsBatchDecision(id)),
      expiryCandidate: () => expiryWindow.candidate(),
      isSourceSnapshot: (id) =>
        batchSnapshots.has(id) || scripts.some((script) => script.sourceSnapshotId === id),
      timing: options.controller,
      startedAt,
      signal: options.signal,
    },
    plan,
  );
  let controllerFailure: unknown;
  const controlling = controller.run().catch((error: unknown) => {
    controllerFailure = error;
    abort.abort();
  });
  const acting = Promise.all(people.map((person) => person.run()));
  const actingBatches = Promise.all(batchPeople.map((person) => person.run()));

  const unfinishedRequests = () =>
    people.filter(
      (p) =>
        p.phase !== 'settled' || (p.report.requestId !== undefined && !ledger.hasEnded(p.report.requestId)),
    );
  const unfinishedBatches = () =>
    batchPeople.filter(
      (p) =>
        p.phase !== 'settled' || (p.report.batchId !== undefined && !ledger.batchHasEnded(p.report.batchId)),
    );
  const ended = await until(
    context,
    () => unfinishedRequests().length === 0 && unfinishedBatches().length === 0,
    options.deadlineMs - (Date.now() - startedAt),
  ).catch(() => false);
  const stuck = [
    ...unfinishedRequests().map(
      (p) => `${p.script.index} (${p.script.kind}, ${p.report.requestId ?? 'no ID'})`,
    ),
    ...unfinishedBatches().map(
      (p) => `batch ${p.script.index} (${p.script.kind}, ${p.report.batchId ?? 'no ID'})`,
    ),
  ];
  controller.stop();
  await controlling;
  abort.abort();
  const reports = await acting;
  const batchReports = await actingBatches;
  if (controllerFailure) throw controllerFailure;
  return {
    ended: ended === true,
    stuck,
    reports,
    batchReports,
    kills: controller.kills,
    missed: controller.missed(),
  };
}

/** One last crash after the end, a restart that must find nothing left to do twice, a clean stop. */
async function restartAfterTheEnd(environment: CrashEnvironment): Promise<void> {
  const { bot } = environment;
  bot.kill();
  await bot.gone();
  await environment.startBot();
  await quietPeriod(environment);
  await bot.stop();
}

function personContext(environment: CrashEnvironment, signal: AbortSignal): PersonContext {
  let rejecterQueue: Promise<unknown> = Promise.resolve();
  return {
    slack: environment.slack,
    bot: environment.bot,
    ledger: environment.ledger,
    signal,
    rejecterTurn(work) {
      const turn = rejecterQueue.then(work);
      rejecterQueue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** Waits until neither stand-in has heard from the bot for a while. */
async function quietPeriod(environment: CrashEnvironment): Promise<void> {
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const unsubscribers = [environment.slack.onChange(touch), environment.onCloudCall(touch)];
  const limit = Date.now() + QUIET_LIMIT_MS;
  try {
    while (Date.now() - lastActivity < QUIET_MS && Date.now() < limit) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    for (const unsubscribe of unsubscribers) unsubscribe();
  }
}
