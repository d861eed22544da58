/**
 * Leadership among replicas sharing a Redis or PostgreSQL store: the store's `leader` lease,
 * taken when free or expired and renewed every third of its TTL. A replica that cannot renew
 * steps down before the lease can run out, and one whose lease ran out by its own clock (a long
 * pause) steps down before doing anything else. Writes stay fenced by the records' versions, so
 * even a replica that has not noticed yet cannot overwrite the new leader's state.
 */
import type { Logger } from '../observability/logger.ts';
import type { Lease, LeaseManager } from '../store/store.ts';
import { atTime, type Clock } from './clock.ts';
import type { Leadership, LeadershipTerm } from './leadership.ts';

const LEADER_LEASE = 'leader';

export interface LeaderLeaseOptions {
  leases: LeaseManager;
  /** Names this replica in the lease; unique per process (default hostname and pid). */
  replicaId: string;
  ttlMs: number;
  clock: Clock;
  logger: Logger;
}

/** A follower takes over at most this long after the lease ran out: TTL + TTL/3 in all. */
export const renewalIntervalMs = (ttlMs: number) => Math.max(1, Math.floor(ttlMs / 3));

export function createLeaderLease(options: LeaderLeaseOptions): Leadership {
  const { leases, replicaId, ttlMs, clock, logger } = options;
  const intervalMs = renewalIntervalMs(ttlMs);
  let lease: Lease | undefined;
  let term: LeadershipTerm | undefined;
  let cancelTick: (() => void) | undefined;
  let stopped = false;
  let nextTickAt = 0;

  /**
   * A store that stops answering (a network black hole) must not stall the ticks: an answer that
   * has not come within one interval counts as a failure, so the leader still steps down in time.
   */
  function withinInterval<T>(call: Promise<T>): Promise<T> {
    let cancel: () => void = () => {};
    const late = new Promise<never>((_, reject) => {
      cancel = clock.setTimeout(() => reject(new Error('the store did not answer in time')), intervalMs);
    });
    return Promise.race([call, late]).finally(cancel);
  }

  function stepDown(why: string): void {
    if (!lease) return;
    logger.warn('leader lease lost; stepping down', { replicaId, epoch: lease.epoch, why });
    lease = undefined;
    term?.deposed(why);
  }

  async function renew(held: Lease): Promise<void> {
    try {
      const renewed = await withinInterval(leases.renew(held, ttlMs));
      if (lease !== held) return;
      if (renewed) lease = renewed;
      else stepDown('another replica holds the leader lease');
    } catch (error) {
      if (lease !== held) return;
      // The next attempt would come too late to keep the lease: leave while it is still ours.
      if (clock.now() + intervalMs >= held.expiresAt)
        stepDown('the leader lease could not be renewed in time');
      else logger.warn('leader lease not renewed; trying again', { replicaId, error });
    }
  }

  /** The lease when this replica just became the leader. */
  async function acquire(): Promise<Lease | undefined> {
    let won: Lease | undefined;
    try {
      won = await withinInterval(leases.acquire(LEADER_LEASE, replicaId, ttlMs));
    } catch (error) {
      logger.warn('leader lease not acquired: store unavailable', { replicaId, error });
      return undefined;
    }
    if (!won) return undefined;
    if (stopped) {
      await leases.release(won).catch(() => {});
      return undefined;
    }
    lease = won;
    logger.info('leader lease acquired', { replicaId, epoch: won.epoch });
    return won;
  }

  async function takeOffice(held: Lease): Promise<void> {
    try {
      await term?.elected(held.epoch);
    } catch (error) {
      // Leading half-restored would strand the requests it missed: hand the lease back instead.
      logger.error('could not take office as leader', { replicaId, error });
      if (lease !== held) return;
      stepDown('taking office failed');
      await leases.release(held).catch(() => {});
    }
  }

  async function tick(): Promise<void> {
    cancelTick = undefined;
    if (stopped) return;
    if (lease) {
      await renew(lease);
    } else {
      const won = await acquire();
      // Office is taken in the background: renewals must go on while the requests are restored.
      if (won) void takeOffice(won);
    }
    schedule();
  }

  /** Ticks keep their own rhythm: a slow store call delays one tick, never every later one. */
  function schedule(): void {
    if (stopped || cancelTick) return;
    nextTickAt = Math.max(nextTickAt + intervalMs, clock.now());
    cancelTick = atTime(clock, nextTickAt, () => void tick());
  }

  const leadership: Leadership = {
    async start(nextTerm) {
      term = nextTerm;
      nextTickAt = clock.now();
      const won = await acquire();
      if (won) await takeOffice(won);
      schedule();
    },
    holds() {
      if (lease && clock.now() >= lease.expiresAt) stepDown('the leader lease ran out');
      return lease !== undefined;
    },
    async confirm() {
      if (lease) await renew(lease);
      return leadership.holds();
    },
    epoch: () => lease?.epoch,
    async stop() {
      stopped = true;
      cancelTick?.();
      const held = lease;
      lease = undefined;
      if (!held) return;
      try {
        await withinInterval(leases.release(held));
      } catch (error) {
        logger.warn('leader lease not released; it expires on its own', { replicaId, error });
      }
    },
  };
  return leadership;
}
