/**
 * The leader goes away: killed mid-copy (no lease release), killed between sending CopySnapshot
 * and writing down its answer, stopped cleanly, or still running with a clock so far behind that
 * the others see its lease as expired. Another replica takes over within the lease TTL plus one
 * renewal interval and finishes every request with exactly one copy and one outcome message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renewalIntervalMs } from '../../src/workflow/leader-lease.ts';
import { RequestNotHostedError } from '../../src/workflow/request-host.ts';
import { storeBackendCases } from '../store/support/store-backends.ts';
import { APPROVER, crossRegionCopy, waitFor } from '../workflow/runtime-harness.ts';
import { type Cluster, LEASE_TTL_MS, type Replica, startCluster } from './replica-cluster.ts';

const backends = storeBackendCases();
let cluster: Cluster;
afterEach(async () => cluster?.close());

const RENEWAL_MS = renewalIntervalMs(LEASE_TTL_MS);

/** Waits in real time only: the simulated clock stays where the test left it. */
const untilLeading = (replica: Replica) =>
  waitFor(`${replica.id} to lead`, () => replica.runtime.isLeading());

async function expectOneCopyAndOneOutcome(requestId: string): Promise<void> {
  expect(cluster.harness.copiesOf(requestId, crossRegionCopy.destinationRegionId)).toHaveLength(1);
  await cluster.advanceUntil(
    'the outcome to be posted',
    () => cluster.harness.notifier.posts(requestId, 'outcome') > 0,
  );
  await cluster.advance(10_000);
  expect(cluster.harness.notifier.posts(requestId, 'outcome')).toBe(1);
  expect(cluster.harness.notifier.posts(requestId, 'card')).toBe(1);
}

describe.each(backends)('replicas sharing a $name store: takeover', (backend) => {
  it('takes over a leader killed mid-copy within TTL + one renewal interval, and finishes it once', async () => {
    cluster = await startCluster(backend);
    const leader = await cluster.start();
    const follower = await cluster.start();
    const id = await cluster.submit(leader);
    expect(await cluster.during(leader.runtime.service.approve(id, APPROVER))).toMatchObject({ ok: true });
    await cluster.untilStatus(id, 'inProgress');

    const killedAt = cluster.clock.now();
    await leader.kill();
    // Its last renewal was at most one interval ago, so its lease is still good until here.
    await cluster.advance(LEASE_TTL_MS - RENEWAL_MS);
    expect(follower.runtime.isLeading()).toBe(false);
    await cluster.advance(killedAt + LEASE_TTL_MS + RENEWAL_MS - cluster.clock.now());
    await untilLeading(follower);

    await cluster.finishCopy(id);
    expect(cluster.copySnapshotCalls()).toHaveLength(1);
    await expectOneCopyAndOneOutcome(id);
  });

  it('resends CopySnapshot with the same ClientToken when the leader died before writing its answer', async () => {
    cluster = await startCluster(backend);
    const leader = await cluster.start({ dieAfterCopyCall: true });
    const follower = await cluster.start();
    const id = await cluster.submit(leader);
    await cluster.during(leader.runtime.service.approve(id, APPROVER));
    await cluster.advanceUntil('the leader to die after the call', () => leader.dead);
    expect((await cluster.view(id))?.status).toBe('copying');

    await cluster.advanceUntil('the follower to lead', () => follower.runtime.isLeading());
    await cluster.finishCopy(id);
    const calls = cluster.copySnapshotCalls();
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.params.ClientToken))).toEqual(new Set([`snapcopy-${id}`]));
    await expectOneCopyAndOneOutcome(id);
  });

  it('keeps an approval made while nobody leads, and applies it once a new leader takes office', async () => {
    cluster = await startCluster(backend);
    const leader = await cluster.start();
    const follower = await cluster.start();
    const id = await cluster.submit(leader);
    await leader.kill();

    const approved = await cluster.during(follower.runtime.service.approve(id, APPROVER));
    expect(approved).toMatchObject({ ok: true, pending: true, request: { status: 'awaitingApproval' } });
    expect((await cluster.view(id))?.approval.decidedBy).toBeUndefined();

    await cluster.finishCopy(id);
    expect(follower.runtime.isLeading()).toBe(true);
    expect((await cluster.view(id))?.approval.decidedBy).toBe(APPROVER);
    expect(cluster.copySnapshotCalls()).toHaveLength(1);
    await expectOneCopyAndOneOutcome(id);
  });

  it('hands over at the next attempt, without waiting out the lease, when the leader stops cleanly', async () => {
    cluster = await startCluster(backend);
    const leader = await cluster.start();
    const follower = await cluster.start();
    const id = await cluster.submit(leader);

    await leader.runtime.stop();
    await cluster.advance(RENEWAL_MS);
    await untilLeading(follower);
    expect(await cluster.during(follower.runtime.service.approve(id, APPROVER))).toMatchObject({
      ok: true,
      request: { approval: { decidedBy: APPROVER } },
    });
    await cluster.finishCopy(id);
    expect(cluster.copySnapshotCalls()).toHaveLength(1);
  });

  it.each(['refused', 'blackHole'] as const)(
    'steps a leader cut off from the store (%s) down before its lease runs out; the other takes over',
    async (cut) => {
      cluster = await startCluster(backend);
      const leader = await cluster.start();
      const follower = await cluster.start();
      const id = await cluster.submit(leader);
      expect(await cluster.during(leader.runtime.service.approve(id, APPROVER))).toMatchObject({ ok: true });
      await cluster.untilStatus(id, 'inProgress');

      leader.partition(cut);
      // Renewed at most one interval before the cut, its lease is still valid here; it left anyway.
      await cluster.advance(LEASE_TTL_MS - RENEWAL_MS);
      expect(leader.runtime.isLeading()).toBe(false);
      expect(follower.runtime.isLeading()).toBe(false);
      let bothLed = false;
      await cluster.advanceUntil('the follower to take over', () => {
        const leaders = [leader, follower].filter((replica) => replica.runtime.isLeading());
        bothLed ||= leaders.length > 1;
        return leaders.length === 1 && leaders[0] === follower;
      });
      expect(bothLed).toBe(false);
      // Back on the network, the old leader finds the lease taken and stays a follower.
      leader.partition('connected');
      await cluster.finishCopy(id);
      expect(leader.runtime.isLeading()).toBe(false);
      expect(cluster.copySnapshotCalls()).toHaveLength(1);
      await expectOneCopyAndOneOutcome(id);
    },
  );

  it('fences off a leader whose clock runs far behind: its write fails, it steps down, no copy is made twice', async () => {
    cluster = await startCluster(backend);
    const behind = await cluster.start({ clockOffsetMs: -2 * LEASE_TTL_MS });
    const id = await cluster.submit(behind);
    // By every other clock the lease ran out long ago: a new replica takes it at once.
    const current = await cluster.start();
    expect(current.runtime.isLeading()).toBe(true);
    expect(behind.runtime.isLeading()).toBe(true);

    // The new leader's claim changed the record: the approval written by the old one is refused.
    // (The clock stands still meanwhile, so no lease renewal can warn the old leader first.)
    await expect(behind.runtime.service.approve(id, APPROVER)).rejects.toBeInstanceOf(RequestNotHostedError);
    // The conflict made it ask the store: the lease is someone else's, so it steps down.
    await waitFor('the old leader to step down', () => !behind.runtime.isLeading());
    expect((await cluster.view(id))?.status).toBe('awaitingApproval');
    expect(cluster.copySnapshotCalls()).toHaveLength(0);

    const approved = await cluster.during(behind.runtime.service.approve(id, APPROVER));
    expect(approved).toMatchObject({ ok: true });
    await cluster.finishCopy(id);
    expect(cluster.copySnapshotCalls()).toHaveLength(1);
    expect(current.runtime.isLeading()).toBe(true);
    await expectOneCopyAndOneOutcome(id);
  });
});
