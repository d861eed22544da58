/**
 * Slack hands a call to whichever replica it likes. Calls that reach a follower are relayed to
 * the leader through the store and applied there exactly once; two approvers clicking at once on
 * different replicas get one decision and one copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmitResult } from '../../src/workflow/copy-request-service.ts';
import { storeBackendCases } from '../store/support/store-backends.ts';
import {
  APPROVER,
  crossRegionCopy,
  REQUESTER,
  requester,
  SECOND_APPROVER,
} from '../workflow/runtime-harness.ts';
import { type Cluster, startCluster } from './replica-cluster.ts';

const backends = storeBackendCases();
let cluster: Cluster;
afterEach(async () => cluster?.close());

/** Long enough that a relayed call always gets the leader's answer in these tests. */
const PATIENT = { relayWaitMs: 60_000 };

function requestIdOf(result: SubmitResult): string {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
  return result.request.requestId;
}

const auditActions = async (requestId: string) =>
  (await cluster.probe.audit.forRequest(requestId)).map((entry) => entry.action);

describe.each(backends)('replicas sharing a $name store: calls on any replica', (backend) => {
  it('applies a submission and an approval that reach a follower exactly once', async () => {
    cluster = await startCluster(backend);
    const leader = await cluster.start();
    const follower = await cluster.start(PATIENT);
    expect(leader.runtime.isLeading()).toBe(true);
    expect(follower.runtime.isLeading()).toBe(false);

    const submitted = await cluster.during(
      follower.runtime.service.submit(crossRegionCopy, requester, 'view-1'),
    );
    expect(submitted).toMatchObject({ ok: true, request: { requester: { userId: REQUESTER } } });
    expect(submitted.ok && submitted.pending).toBeFalsy();
    const id = requestIdOf(submitted);
    await cluster.untilStatus(id, 'awaitingApproval');
    // The same modal submitted again, on the other replica this time: still one request.
    const again = await cluster.during(leader.runtime.service.submit(crossRegionCopy, requester, 'view-1'));
    expect(requestIdOf(again)).toBe(id);

    const approved = await cluster.during(follower.runtime.service.approve(id, APPROVER));
    expect(approved).toMatchObject({ ok: true, request: { approval: { decidedBy: APPROVER } } });
    expect(approved.ok && approved.pending).toBeFalsy();
    await cluster.finishCopy(id);

    expect(cluster.copySnapshotCalls()).toHaveLength(1);
    expect(cluster.harness.copiesOf(id, crossRegionCopy.destinationRegionId)).toHaveLength(1);
    const actions = await auditActions(id);
    expect(actions.filter((action) => action === 'submitted')).toHaveLength(1);
    expect(actions.filter((action) => action === 'approved')).toHaveLength(1);
    await cluster.advanceUntil(
      'the outcome to be posted',
      () => cluster.harness.notifier.posts(id, 'outcome') === 1,
    );
    for (const slot of ['card', 'approval', 'outcome'] as const) {
      expect(cluster.harness.notifier.posts(id, slot)).toBe(1);
    }
    expect(follower.runtime.isLeading()).toBe(false);
  });

  it.each([
    { where: 'two followers', firstOnLeader: false },
    { where: 'the leader and a follower', firstOnLeader: true },
  ])(
    'gives one decision and one copy when two approvers click at once on $where',
    async ({ firstOnLeader }) => {
      cluster = await startCluster(backend);
      const leader = await cluster.start();
      const first = firstOnLeader ? leader : await cluster.start(PATIENT);
      const second = await cluster.start(PATIENT);
      const id = await cluster.submit(second);

      const results = await cluster.during(
        Promise.all([
          first.runtime.service.approve(id, APPROVER),
          second.runtime.service.approve(id, SECOND_APPROVER),
        ]),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const winner = results[0]?.ok ? APPROVER : SECOND_APPROVER;
      expect(results.find((result) => !result.ok)).toMatchObject({
        ok: false,
        reason: 'alreadyDecided',
        request: { approval: { decidedBy: winner } },
      });
      expect((await cluster.view(id))?.approval.decidedBy).toBe(winner);
      await cluster.finishCopy(id);
      expect(cluster.copySnapshotCalls()).toHaveLength(1);
      expect(cluster.harness.copiesOf(id, crossRegionCopy.destinationRegionId)).toHaveLength(1);
      expect((await auditActions(id)).filter((action) => action === 'approved')).toHaveLength(1);
    },
  );

  it('shows and cancels open requests from a follower', async () => {
    cluster = await startCluster(backend);
    await cluster.start();
    const follower = await cluster.start(PATIENT);
    const id = await cluster.submit(follower);

    const waiting = await follower.runtime.service.listAwaitingApproval(APPROVER);
    expect(waiting.map((view) => view.requestId)).toEqual([id]);
    expect((await follower.runtime.service.listByRequester(REQUESTER)).map((view) => view.requestId)).toEqual(
      [id],
    );
    expect(await follower.runtime.service.get(id)).toMatchObject({ status: 'awaitingApproval' });
    // Refusals are decided where the call arrives and never reach the leader.
    expect(await follower.runtime.service.approve(id, REQUESTER)).toMatchObject({
      ok: false,
      reason: 'notAllowed',
    });
    expect(await follower.runtime.service.cancel(id, 'U0BYSTANDER')).toMatchObject({
      ok: false,
      reason: 'notAllowed',
    });

    const cancelled = await cluster.during(follower.runtime.service.cancel(id, REQUESTER));
    expect(cancelled).toMatchObject({ ok: true, request: { status: 'cancelled' } });
    expect(await cluster.during(follower.runtime.service.cancel(id, REQUESTER))).toMatchObject({
      ok: false,
      reason: 'alreadyFinished',
    });
    expect(cluster.copySnapshotCalls()).toHaveLength(0);
  });
});
