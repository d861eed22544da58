/**
 * What the simulated people of a crash run share: the stand-ins they click in, the bot whose
 * restarts they wait out, the ledger of what the bot posted, and the run's stop signal. People
 * behave as in Slack: when the bot does not answer, they wait and try again.
 */
import type { SlackStandIn } from '../../src/local/slack/index.ts';
import type { BotProcess } from './bot-process.ts';
import type { SlackLedger } from './slack-ledger.ts';

export interface PersonContext {
  slack: SlackStandIn;
  bot: BotProcess;
  ledger: SlackLedger;
  signal: AbortSignal;
  /** The one approver who rejects opens a modal per rejection; they handle one at a time. */
  rejecterTurn<T>(work: () => Promise<T>): Promise<T>;
}

const RECHECK_MS = 50;

/**
 * Resolves with the probe's first truthy answer, checked after every Slack change and on a short
 * interval; with undefined after timeoutMs; rejects when the run is stopped.
 */
export function until<T>(
  context: PersonContext,
  probe: () => T | undefined | null | false,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<T | undefined> {
  const { signal, slack } = context;
  return new Promise((resolve, reject) => {
    let finished = false;
    const cleanups: Array<() => void> = [];
    const finish = (settle: () => void) => {
      if (finished) return;
      finished = true;
      for (const cleanup of cleanups) cleanup();
      settle();
    };
    const check = () => {
      if (finished) return;
      try {
        const answer = probe();
        if (answer) finish(() => resolve(answer));
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      }
    };
    const onAbort = () => finish(() => reject(new Error('the crash run was stopped')));
    cleanups.push(slack.onChange(check));
    const interval = setInterval(check, RECHECK_MS);
    cleanups.push(() => clearInterval(interval));
    if (Number.isFinite(timeoutMs)) {
      const timer = setTimeout(() => finish(() => resolve(undefined)), timeoutMs);
      cleanups.push(() => clearTimeout(timer));
    }
    signal.addEventListener('abort', onAbort);
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
    else check();
  });
}

/** Waits until the bot listens (at once when it does). */
export async function botUp(context: PersonContext): Promise<void> {
  await until(context, () => context.bot.up);
}

export async function pause(context: PersonContext, ms: number): Promise<void> {
  await until(context, () => false, ms);
}

/** A probe's answer when the bot generation a person was talking to is gone. */
/**
 * A person's whole part in a run: waits for the script's start, acts, and writes down what stopped
 * them, unless the run itself was aborted.
 */
export async function playPart(
  context: PersonContext,
  startAfterMs: number,
  act: () => Promise<void>,
  report: { error?: string },
): Promise<void> {
  try {
    await pause(context, startAfterMs);
    await act();
  } catch (error) {
    if (!context.signal.aborted) report.error = error instanceof Error ? error.message : String(error);
  }
}

export const BOT_LOST = Symbol('bot lost');

export function botLost(context: PersonContext, generation: number): typeof BOT_LOST | undefined {
  return context.bot.generation !== generation || !context.bot.up ? BOT_LOST : undefined;
}
