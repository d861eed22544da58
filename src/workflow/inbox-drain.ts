/**
 * The leader's side of the request inbox: at once when it takes office, then every interval, it
 * applies the relayed commands in the order they were posted, through the same calls a local
 * caller makes, keeps each answer for the replica that waits on it, and takes the command off.
 * A command that fails stays for the next round; one that an earlier leader already answered is
 * only taken off, so a takeover between applying and removing never applies it twice.
 */
import type { Logger } from '../observability/logger.ts';
import type { Clock } from './clock.ts';
import type { AnyRelayedResult, InboxEntry, RelayedCommand, RequestInbox } from './request-inbox.ts';

export interface InboxDrainOptions {
  inbox: RequestInbox;
  apply(command: RelayedCommand): Promise<AnyRelayedResult>;
  /** False once this replica stopped leading: the rest is left for the next leader. */
  leading(): boolean;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}

export interface InboxDrain {
  start(): void;
  stop(): void;
}

export function createInboxDrain(options: InboxDrainOptions): InboxDrain {
  const { inbox, clock, logger } = options;
  /** Grows on every start and stop, so a round of an earlier term never reschedules itself. */
  let generation = 0;
  let cancelTimer: (() => void) | undefined;

  async function drain(round: number): Promise<void> {
    let entries: InboxEntry[];
    try {
      entries = await inbox.pending();
    } catch (error) {
      logger.warn('relayed commands not read; trying again', { error });
      return;
    }
    for (const entry of entries) {
      if (round !== generation || !options.leading()) return;
      try {
        const answered = await inbox.result(entry.id);
        await inbox.complete(entry, answered ?? (await options.apply(entry.command)));
      } catch (error) {
        logger.error('relayed command not applied; trying again', {
          id: entry.id,
          kind: entry.command.kind,
          subject: 'requestId' in entry.command ? entry.command.requestId : entry.command.batchId,
          error,
        });
      }
    }
  }

  async function run(round: number): Promise<void> {
    await drain(round);
    if (round === generation) cancelTimer = clock.setTimeout(() => void run(round), options.intervalMs);
  }

  return {
    start() {
      cancelTimer?.();
      void run(++generation);
    },
    stop() {
      generation++;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
