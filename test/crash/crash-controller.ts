/**
 * Kills the bot at the planned points, one at a time: it arms every kill point still planned, and
 * the first one whose moment comes (seen from the stand-ins, in this process) sends SIGKILL
 * synchronously, before the stand-in's reply leaves. Then it waits out a downtime and starts the
 * next generation of the bot, which is armed for the next kill from the moment it is spawned.
 */
import type { CallRecord } from '../../src/local/alibaba/index.ts';
import type { SlackChange } from '../../src/local/slack/index.ts';
import { REQUEST_MODAL_CALLBACK_ID } from '../../src/slack/slack-ids.ts';
import { type BotProcess, KilledWhileStarting, type StopSignal } from './bot-process.ts';
import type { CallPhase, CloudCallListener } from './cloud-watch.ts';
import type { KillPoint, KillRecord } from './kill-plan.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface ExpiryCandidate {
  requestId: string;
  /** When to restart: the request's approval deadline has surely passed by then. */
  deadlinePassedAt: number;
}

export interface ControllerTiming {
  /** How long each generation runs before the next kill is armed. */
  uptimeMs: { min: number; max: number };
  downtimeMs: { min: number; max: number };
  /** An armed point that does not come up within this is replaced by a kill at a random moment. */
  armTimeoutMs: number;
}

export interface CrashControllerDeps {
  random: SeededRandom;
  bot: BotProcess;
  /** Starts the next generation and points the Slack stand-in at it. */
  restart(): Promise<void>;
  onCloudCall(listener: CloudCallListener): () => void;
  onSlackChange(listener: (change: SlackChange) => void): () => void;
  /** A request that offers Approve / Reject right now. */
  requestAwaitingDecision(): string | undefined;
  /** A request that must expire, awaits approval, and no person's decision is on its way. */
  expiryCandidate(): ExpiryCandidate | undefined;
  /** Copies are the snapshots that are not sources; a DescribeSnapshots naming one is a progress poll. */
  isSourceSnapshot(snapshotId: string): boolean;
  timing: ControllerTiming;
  startedAt: number;
  /** SIGKILL (a crash) or SIGTERM (an orchestrator stopping the bot while it works). */
  signal: StopSignal;
}

interface Fired {
  point: KillPoint;
  detail: string;
  generation: number;
  downtimeMs?: number;
  requestId?: string;
  fallback?: boolean;
}

const PHASES: readonly CallPhase[] = ['received', 'answered'];
/** arm() ends without a kill because the bot exited by itself. */
const DIED = Symbol('bot died');
/**
 * Which planned point a fallback kill uses up: the common ones first, the rare ones (which a
 * later moment may still bring) last. expiryWhileDown waits for its moment however long it takes,
 * as it is pointless at any other time.
 */
const FALLBACK_ORDER: readonly KillPoint[] = [
  'random',
  'slackPost',
  'awaitingApproval',
  'polling',
  'submission',
  'deleteSnapshot',
  'copySnapshot',
];
const CHECK_MS = 100;
const SLACK_POST_CHANCE = 0.35;
const POLL_CHANCE = 0.5;

export class CrashController {
  readonly kills: KillRecord[] = [];
  private readonly pending: KillPoint[];
  private stopped = false;
  private startFailure: unknown;
  private cancelArm: (() => void) | undefined;

  constructor(
    private readonly deps: CrashControllerDeps,
    plan: readonly KillPoint[],
  ) {
    this.pending = [...plan];
  }

  /** Planned points that never came up. */
  missed(): KillPoint[] {
    return [...this.pending];
  }

  /** Arms no more kills; run() returns once the bot is up again. */
  stop(): void {
    this.stopped = true;
    this.cancelArm?.();
  }

  /**
   * Kills are armed from the moment a generation is spawned, so a generation can also die while
   * it restores requests (re-sending CopySnapshot, re-delivering messages) before it listens.
   */
  async run(): Promise<void> {
    const { bot, random, timing } = this.deps;
    let starting: Promise<void> = Promise.resolve();
    while (!this.stopped && this.pending.length > 0 && !this.startFailure) {
      const fired = await this.arm(random.int(timing.uptimeMs.min, timing.uptimeMs.max));
      if (!fired) break;
      if (fired === DIED) {
        // BotProcess records the exit; a supervisor would start the bot again, and so does this.
        starting = this.startGeneration();
        continue;
      }
      this.pending.splice(this.pending.indexOf(fired.point), 1);
      const downtimeMs = fired.downtimeMs ?? random.int(timing.downtimeMs.min, timing.downtimeMs.max);
      this.kills.push({
        n: this.kills.length + 1,
        point: fired.point,
        detail: fired.detail,
        at: Date.now() - this.deps.startedAt,
        generation: fired.generation,
        downtimeMs,
        fallback: fired.fallback === true,
        ...(fired.requestId ? { requestId: fired.requestId } : {}),
      });
      await bot.gone();
      await sleep(downtimeMs);
      starting = this.startGeneration();
    }
    await starting;
    if (this.startFailure) throw this.startFailure;
  }

  /** Starts the next generation without waiting for it; a kill while it starts is part of the plan. */
  private startGeneration(): Promise<void> {
    return this.deps.restart().catch((error: unknown) => {
      if (!(error instanceof KilledWhileStarting)) this.startFailure = error;
    });
  }

  /**
   * Resolves with the kill that happened, or undefined when stopped first. Points that come up
   * rarely (a CopySnapshot, a DeleteSnapshot, a submission) are armed at once, even while the
   * generation starts; the frequent ones only `settleMs` after it listens, so each generation gets
   * some work done before it dies.
   */
  private arm(settleMs: number): Promise<Fired | typeof DIED | undefined> {
    const { deps } = this;
    const { random, bot, timing } = deps;
    const pending = new Set(this.pending);
    // Frequent points wait until the generation listens and has run settleMs.
    let upAt: number | undefined;
    const frequentArmed = () => {
      if (upAt === undefined && bot.up) upAt = Date.now();
      return upAt !== undefined && Date.now() >= upAt + settleMs;
    };
    const phase = {
      CopySnapshot: random.pick(PHASES),
      DeleteSnapshot: random.pick(PHASES),
      poll: random.pick(PHASES),
    };
    const randomDelayMs = random.int(0, 3000);
    const approvalDelayMs = random.int(100, 1500);
    const fallback = FALLBACK_ORDER.find((point) => pending.has(point));

    let awaitingSince: number | undefined;

    return new Promise((resolve) => {
      const cleanups: Array<() => void> = [];
      let settled = false;
      const settle = (fired: Fired | typeof DIED | undefined) => {
        settled = true;
        for (const cleanup of cleanups) cleanup();
        this.cancelArm = undefined;
        resolve(fired);
      };
      this.cancelArm = () => {
        if (!settled) settle(undefined);
      };
      const fire = (point: KillPoint, detail: string, extra: Partial<Fired> = {}) => {
        if (settled || !bot.running || !pending.has(point)) return;
        const generation = bot.generation;
        const when = bot.up ? detail : `${detail}, while the generation was starting`;
        bot.kill(deps.signal);
        settle({ point, detail: when, generation, ...extra });
      };

      cleanups.push(
        deps.onCloudCall((call, callPhase) => {
          const cloudPoint = this.cloudPoint(call);
          if (!cloudPoint || !pending.has(cloudPoint)) return;
          const wanted = cloudPoint === 'polling' ? phase.poll : phase[call.action as keyof typeof phase];
          if (callPhase !== wanted) return;
          if (cloudPoint === 'polling' && !(frequentArmed() && random.chance(POLL_CHANCE))) return;
          const token = call.params.ClientToken ? ` (ClientToken ${call.params.ClientToken})` : '';
          fire(cloudPoint, `${call.action} ${callPhase}${token}`);
        }),
        deps.onSlackChange((change) => {
          const botMessage =
            (change.type === 'message_posted' || change.type === 'message_updated') && change.message.bot_id;
          if (botMessage && pending.has('slackPost') && frequentArmed() && random.chance(SLACK_POST_CHANCE)) {
            fire('slackPost', `${change.type} in ${change.channelId}: ${change.message.text.slice(0, 80)}`);
          }
          if (change.type === 'view_closed' && change.view.view.callback_id === REQUEST_MODAL_CALLBACK_ID) {
            fire('submission', `request modal of ${change.userId} closed`);
          }
        }),
      );

      const check = setInterval(() => {
        if (this.startFailure) {
          settle(undefined);
          return;
        }
        if (!bot.running) {
          settle(DIED);
          return;
        }
        const now = Date.now();
        const candidate = pending.has('expiryWhileDown') ? deps.expiryCandidate() : undefined;
        if (candidate) {
          fire('expiryWhileDown', `${candidate.requestId} awaited approval; down until its deadline passed`, {
            downtimeMs: Math.max(0, candidate.deadlinePassedAt - now),
            requestId: candidate.requestId,
          });
        }
        const awaiting = frequentArmed() ? deps.requestAwaitingDecision() : undefined;
        awaitingSince = awaiting ? (awaitingSince ?? now) : undefined;
        if (awaiting && awaitingSince !== undefined && now - awaitingSince >= approvalDelayMs) {
          fire('awaitingApproval', `while ${awaiting} awaited a decision`);
        }
        if (!frequentArmed() || upAt === undefined) return;
        if (now >= upAt + settleMs + randomDelayMs) fire('random', 'at a random moment');
        if (fallback && now >= upAt + settleMs + timing.armTimeoutMs) {
          fire(
            fallback,
            `${fallback} did not come up in ${timing.armTimeoutMs} ms; killed at a random moment`,
            {
              fallback: true,
            },
          );
        }
      }, CHECK_MS);
      cleanups.push(() => clearInterval(check));
    });
  }

  private cloudPoint(call: CallRecord): KillPoint | undefined {
    if (call.action === 'CopySnapshot') return 'copySnapshot';
    if (call.action === 'DeleteSnapshot') return 'deleteSnapshot';
    if (call.action !== 'DescribeSnapshots') return undefined;
    const named = call.params.SnapshotIds?.match(/s-[0-9a-z]+/gi) ?? [];
    return named.some((id) => !this.deps.isSourceSnapshot(id)) ? 'polling' : undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
