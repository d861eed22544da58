import type { Lease, LeaseManager, VersionedCollection } from './store.ts';

/** A lease row; kept after release so the epoch keeps growing across holders. */
export interface LeaseRecord {
  owner: string;
  epoch: number;
  expiresAt: number;
}

/**
 * Re-reads after a lost compare-and-set; with only a few replicas contending, a handful of
 * attempts always settles who holds the lease.
 */
const CAS_ATTEMPTS = 5;

/**
 * Leases as compare-and-set on a versioned record, the same on every backend. Expiry is judged
 * by `clock`, so replicas sharing a lease need roughly synchronised clocks (well under the TTL).
 */
export function createLeaseManager(
  records: VersionedCollection<LeaseRecord>,
  clock: () => number,
): LeaseManager {
  const toLease = (name: string, record: LeaseRecord): Lease => ({ name, ...record });
  const isHeldBy = (record: LeaseRecord, lease: Lease, now: number) =>
    record.owner === lease.owner && record.epoch === lease.epoch && record.expiresAt > now;

  return {
    async acquire(name, owner, ttlMs) {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const now = clock();
        const current = await records.get(name);
        if (!current) {
          const created = await records.create(name, { owner, epoch: 1, expiresAt: now + ttlMs });
          if (created) return toLease(name, created.value);
          continue;
        }
        if (current.value.owner !== owner && current.value.expiresAt > now) return undefined;
        // Even re-acquiring our own lease is a new acquisition: a restarted process with the
        // same owner name must fence off whatever its previous incarnation still writes.
        const next = { owner, epoch: current.value.epoch + 1, expiresAt: now + ttlMs };
        const updated = await records.update(name, current.version, next);
        if (updated) return toLease(name, updated.value);
      }
      return undefined;
    },

    async renew(lease, ttlMs) {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const now = clock();
        const current = await records.get(lease.name);
        if (!current || !isHeldBy(current.value, lease, now)) return undefined;
        const updated = await records.update(lease.name, current.version, {
          ...current.value,
          expiresAt: now + ttlMs,
        });
        if (updated) return toLease(lease.name, updated.value);
      }
      return undefined;
    },

    async release(lease) {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const current = await records.get(lease.name);
        if (!current || !isHeldBy(current.value, lease, clock())) return;
        if (await records.update(lease.name, current.version, { ...current.value, expiresAt: 0 })) return;
      }
      throw new Error(`lease ${lease.name} kept changing while being released`);
    },
  };
}
