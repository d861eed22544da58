/**
 * How a call that reaches a follower gets to the leader: posted to the request inbox, then
 * awaited for a moment, so the caller usually gets the leader's own answer; the leader applies
 * the inbox while it is in office. A sole replica never relays.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import { createInboxDrain } from './inbox-drain.ts';
import {
  type AnyRelayedResult,
  createRequestInbox,
  type RelayedCommand,
  type RelayedResult,
} from './request-inbox.ts';
import { INTERACTIVE_STORE_ATTEMPTS, type StoreRetry } from './store-retry.ts';

/**
 * What became of a change handed to the leader: applied (with its answer), recorded but not
 * applied within the wait, or not relayed at all because this replica is the one that runs requests.
 */
export type Relayed<R> =
  | { outcome: 'applied'; result: R }
  | { outcome: 'recorded' }
  | { outcome: 'leaderHere' };

export interface LeaderRelay {
  relay<C extends RelayedCommand>(command: C): Promise<Relayed<RelayedResult<C>>>;
  /** Taking office: apply what followers relayed, now and every poll interval. */
  startApplying(): void;
  stopApplying(): void;
}

export interface LeaderRelayOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  replicaId: string;
  pollIntervalMs: number;
  waitMs: number;
  isLeading(): boolean;
  retrying: StoreRetry;
  /** The leader applies a relayed command exactly as if the call had reached it. */
  apply(command: RelayedCommand): Promise<AnyRelayedResult>;
}

export const soleRelay: LeaderRelay = {
  relay: async () => ({ outcome: 'leaderHere' }),
  startApplying() {},
  stopApplying() {},
};

export function createLeaderRelay(options: LeaderRelayOptions): LeaderRelay {
  const inbox = createRequestInbox(options.store, options.clock, options.replicaId);
  const drain = createInboxDrain({
    inbox,
    apply: (command) => options.apply(command),
    leading: () => options.isLeading(),
    clock: options.clock,
    logger: options.logger,
    intervalMs: options.pollIntervalMs,
  });
  return {
    async relay<C extends RelayedCommand>(command: C): Promise<Relayed<RelayedResult<C>>> {
      if (options.isLeading()) return { outcome: 'leaderHere' };
      const id = randomUUID();
      await options.retrying(
        'relay to the leader',
        () => inbox.post(id, command),
        INTERACTIVE_STORE_ATTEMPTS,
      );
      const result = await inbox.awaitResult<C>(id, options.waitMs);
      return result ? { outcome: 'applied', result } : { outcome: 'recorded' };
    },
    startApplying: () => drain.start(),
    stopApplying: () => drain.stop(),
  };
}
