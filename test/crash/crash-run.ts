/**
 * One crash run: the Alibaba and Slack stand-ins in this process, the real bot as a child process
 * on a SQLite file, people acting out a seeded set of request scripts, and a controller killing the
 * bot with SIGKILL at the planned points until every request has ended. Then one more kill and a
 * clean restart (nothing may happen twice), a clean stop, and the verdict.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import {
  DEFAULT_IDS,
  LOCAL_BOT_TOKEN,
  LOCAL_SIGNING_SECRET,
  type SlackStandIn,
  startSlackStandIn,
} from '../../src/local/slack/index.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { BotProcess } from './bot-process.ts';
import { type CloudCallListener, watchCloudCalls } from './cloud-watch.ts';
import { type ControllerTiming, CrashController } from './crash-controller.ts';
import { judgeCrashRun, type RequestFinding } from './crash-verdict.ts';
import { crashSlackWorld, writeCloudWorld } from './crash-world.ts';
import { ExpiryWindow } from './expiry-window.ts';
import { EVENT_KILL_POINTS, type KillPoint, type KillRecord, planKills } from './kill-plan.ts';
import { type PersonContext, until } from './person-context.ts';
import { planRequests, type RequestScript, type ScriptKind } from './request-scripts.ts';
import {
  APPROVER,
  type PersonReport,
  type PersonTiming,
  REJECTER,
  ScriptedPerson,
} from './scripted-person.ts';
import { seededRandom } from './seeded-random.ts';
import { SlackLedger } from './slack-ledger.ts';
import { readStoredRequests } from './stored-requests.ts';

export interface CrashRunOptions {
  seed: number;
  requests: number;
  /** The requests' kinds, in order; default: random (every kind once when there is room). */
  kinds?: readonly ScriptKind[];
  /** Kills at event points. */
  kills: number;
  /** The event points to kill at. */
  killPoints: readonly KillPoint[];
  /** Plus one expiryWhileDown kill (the run needs a request that must expire). */
  expiryWhileDown: boolean;
  approvalTtlMs: number;
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
  kills: KillRecord[];
  /** Planned kill points that never came up. */
  missedKillPoints: KillPoint[];
  people: PersonReport[];
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
  kills: 9,
  killPoints: EVENT_KILL_POINTS,
  expiryWhileDown: false,
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
  const plan = planKills(random, options.kills, options.killPoints, options.expiryWhileDown);
  options.log(
    `crash run seed=${options.seed}: ${scripts.length} requests (${scripts.map((s) => s.kind).join(', ')}), ` +
      `${plan.length} kills planned; replay with SNAPCOPY_CRASH_SEED=${options.seed}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'snapcopy-crash-'));
  const closers: Array<() => unknown> = [];
  try {
    const cloud = await startAlibabaStandIn({
      clockSpeed: options.clockSpeed,
      worldFile: writeCloudWorld(join(dir, 'world.json'), scripts, options.copyGiBPerMinute),
    });
    closers.push(() => cloud.close());
    const slack = await startSlackStandIn({
      world: crashSlackWorld(scripts),
      logger: createLogger('slack-stand-in', { level: 'error', write: () => undefined }),
    });
    closers.push(() => slack.close());
    const ledger = new SlackLedger(slack);
    closers.push(() => ledger.close());
    const cloudListeners = new Set<CloudCallListener>();
    closers.push(
      watchCloudCalls(cloud, (call, phase) => {
        for (const listener of [...cloudListeners]) listener(call, phase);
      }),
    );

    const storeUrl = `sqlite:${join(dir, 'snapcopy.sqlite')}`;
    const bot = new BotProcess({
      cwd: dir,
      logFile: join(dir, 'bot.log'),
      env: botEnvironment(slack, cloud, storeUrl, options),
    });
    closers.push(() => bot.close());
    const startBot = async () => slack.setEventsUrl(await bot.start());
    await startBot();

    const abort = new AbortController();
    closers.push(() => abort.abort());
    const context = personContext(slack, bot, ledger, abort.signal);
    const people = scripts.map((script) => new ScriptedPerson(context, script, options.people));
    const expiryWindow = new ExpiryWindow(people, ledger, options.approvalTtlMs);

    const controller = new CrashController(
      {
        random,
        bot,
        restart: startBot,
        onCloudCall: (listener) => {
          cloudListeners.add(listener);
          return () => cloudListeners.delete(listener);
        },
        onSlackChange: (listener) => slack.onChange(listener),
        requestAwaitingDecision: () =>
          people.map((p) => p.report.requestId).find((id) => id !== undefined && ledger.awaitsDecision(id)),
        expiryCandidate: () => expiryWindow.candidate(),
        isSourceSnapshot: (id) => scripts.some((script) => script.sourceSnapshotId === id),
        timing: options.controller,
        startedAt,
      },
      plan,
    );
    let controllerFailure: unknown;
    const controlling = controller.run().catch((error: unknown) => {
      controllerFailure = error;
      abort.abort();
    });
    const acting = Promise.all(people.map((person) => person.run()));

    const unfinished = () =>
      people.filter(
        (p) =>
          p.phase !== 'settled' || (p.report.requestId !== undefined && !ledger.hasEnded(p.report.requestId)),
      );
    const ended = await until(
      context,
      () => unfinished().length === 0,
      options.deadlineMs - (Date.now() - startedAt),
    ).catch(() => false);
    const stuck = unfinished().map(
      (p) => `${p.script.index} (${p.script.kind}, ${p.report.requestId ?? 'no ID'})`,
    );
    controller.stop();
    await controlling;
    abort.abort();
    const reports = await acting;
    if (controllerFailure) throw controllerFailure;
    options.log(
      `all requests ended after ${controller.kills.length} kills; one more kill, then a clean restart`,
    );

    // One last crash after the end, and a restart that must find nothing left to do twice.
    bot.kill();
    await bot.gone();
    await startBot();
    await quietPeriod(slack, cloudListeners);
    await bot.stop();

    const stored = await readStoredRequests(storeUrl);
    const verdict = judgeCrashRun({
      people: reports,
      ledger,
      cloud,
      stored,
      kills: controller.kills,
      startedAt,
      unexpectedExits: bot.unexpectedExits,
    });
    const problems = [...verdict.problems];
    if (!ended) problems.unshift(`requests did not end within ${options.deadlineMs} ms: ${stuck.join('; ')}`);
    return {
      seed: options.seed,
      scripts,
      kills: controller.kills,
      missedKillPoints: controller.missed(),
      people: reports,
      findings: verdict.findings,
      problems,
      durationMs: Date.now() - startedAt,
      ...(options.keepFiles ? { logFile: join(dir, 'bot.log') } : {}),
      botLogTail: bot.logTail(),
    };
  } finally {
    for (const close of closers.reverse()) await close();
    if (!options.keepFiles) rmSync(dir, { recursive: true, force: true });
  }
}

function botEnvironment(
  slack: SlackStandIn,
  cloud: AlibabaStandIn,
  storeUrl: string,
  options: CrashRunOptions,
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN,
    SLACK_SIGNING_SECRET: LOCAL_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    SNAPCOPY_APPROVERS: `${APPROVER},${REJECTER}`,
    SNAPCOPY_APPROVALS_CHANNEL: DEFAULT_IDS.approvalsChannel,
    SNAPCOPY_STORE_URL: storeUrl,
    SNAPCOPY_LOG_LEVEL: options.botLogLevel,
    SNAPCOPY_APPROVAL_TTL: `${options.approvalTtlMs}ms`,
    SNAPCOPY_POLL_MIN_INTERVAL: '200ms',
    SNAPCOPY_POLL_MAX_INTERVAL: '1s',
    SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: '300ms',
    ALIBABA_CLOUD_ACCESS_KEY_ID: cloud.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: cloud.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_ENDPOINT: cloud.endpoint,
    ALIBABA_CLOUD_KMS_ENDPOINT: cloud.endpoint,
    ALIBABA_CLOUD_PROTOCOL: 'http',
  };
}

function personContext(
  slack: SlackStandIn,
  bot: BotProcess,
  ledger: SlackLedger,
  signal: AbortSignal,
): PersonContext {
  let rejecterQueue: Promise<unknown> = Promise.resolve();
  return {
    slack,
    bot,
    ledger,
    signal,
    rejecterTurn(work) {
      const turn = rejecterQueue.then(work);
      rejecterQueue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** Waits until neither stand-in has heard from the bot for a while. */
async function quietPeriod(slack: SlackStandIn, cloudListeners: Set<CloudCallListener>): Promise<void> {
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const unsubscribe = slack.onChange(touch);
  cloudListeners.add(touch);
  const limit = Date.now() + QUIET_LIMIT_MS;
  try {
    while (Date.now() - lastActivity < QUIET_MS && Date.now() < limit) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    unsubscribe();
    cloudListeners.delete(touch);
  }
}
