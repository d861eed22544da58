import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_COLLECTION } from '../../src/workflow/runtime.ts';
import {
  APPROVER,
  APPROVING_REQUESTER,
  BYSTANDER,
  crossRegionCopy,
  encryptedStandardCopy,
  type Harness,
  REQUESTER,
  requester,
  SECOND_APPROVER,
  sameRegionCopy,
  startHarness,
  TEST_SETTINGS,
  waitFor,
} from './runtime-harness.ts';

let harness: Harness;
afterEach(async () => harness?.close());

async function submit(parameters = crossRegionCopy, submissionId = 'view-1', who = requester) {
  const result = await harness.bot.runtime.service.submit(parameters, who, submissionId);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
  return result.request.requestId;
}

/** Lets the stand-in finish the copy, then lets the runtime's poller notice. */
async function finishCopy() {
  harness.cloud.clock.advance(30 * 60_000);
  await harness.bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
}

const copySnapshotCalls = () => harness.cloud.calls.callsTo('CopySnapshot');

describe('copy-request runtime against the stand-in cloud and a SQLite store', () => {
  it('copies within a region under the default key, approved automatically, to done', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit(sameRegionCopy);
    const running = await harness.waitForStatus(id, 'inProgress');
    expect(running.approval).toMatchObject({ required: false, automatic: true });
    expect(running.key).toMatchObject({ alias: 'alias/acs/ecs', defaultServiceKey: true });
    await finishCopy();
    const done = await harness.waitForStatus(id, 'done');
    const copyId = done.copy?.snapshotId;
    expect(harness.copiesOf(id, 'cn-hangzhou')).toEqual([copyId]);
    const copy = harness.cloud.world.snapshot(copyId!);
    expect(copy).toMatchObject({
      status: 'accomplished',
      encrypted: true,
      sourceSnapshotId: sameRegionCopy.sourceSnapshotId,
    });
    expect(copySnapshotCalls()).toHaveLength(1);
    expect(copySnapshotCalls()[0]?.params.ClientToken).toBe(`snapcopy-${id}`);
    expect(harness.notifier.posts(id, 'card')).toBe(1);
    expect(harness.notifier.posts(id, 'outcome')).toBe(1);
    expect(harness.notifier.of(id, 'approval')).toHaveLength(0);
    expect(harness.notifier.latest(id, 'outcome')?.copy?.snapshotId).toBe(copyId);
    // Finished and told: moved to the archive, still readable.
    await waitFor('the request to be archived', async () => (await harness.record(id)) === undefined);
    expect(await harness.probe.archive(ARCHIVE_COLLECTION, 1000).get(id)).toBeDefined();
    expect((await harness.bot.runtime.service.get(id))?.status).toBe('done');
    expect(
      (await harness.bot.runtime.service.listByRequester(REQUESTER)).map((view) => view.requestId),
    ).toEqual([id]);
    const audit = await harness.probe.audit.forRequest(id);
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'submitted',
        'state:copying.calling->inProgress',
        'state:inProgress->done',
        'archived',
      ]),
    );
    const copyStarted = audit.find((entry) => entry.action === 'state:copying.calling->inProgress');
    expect(copyStarted?.cloudRequestIds?.[0]).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('copies across regions after an approval, with progress on the card', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    const waiting = await harness.waitForStatus(id, 'awaitingApproval');
    expect(waiting.approval).toMatchObject({ required: true, reasons: ['crossRegion'] });
    expect(waiting.approval.deadline).toBe(waiting.createdAt + TEST_SETTINGS.approvalTtlMs);
    await waitFor('the approval message', () => harness.notifier.posts(id, 'approval') === 1);
    expect(copySnapshotCalls()).toHaveLength(0);
    expect(await harness.bot.runtime.service.listAwaitingApproval(APPROVER)).toHaveLength(1);
    expect(await harness.bot.runtime.service.listAwaitingApproval(BYSTANDER)).toHaveLength(0);

    const approved = await harness.bot.runtime.service.approve(id, APPROVER);
    expect(approved).toMatchObject({ ok: true, request: { approval: { decidedBy: APPROVER } } });
    // Resolved only once durable: the store already holds the decision.
    expect((await harness.record(id))?.snapshot?.context.approval?.decidedBy).toBe(APPROVER);
    await harness.waitForStatus(id, 'inProgress');

    harness.cloud.clock.advance(10_000);
    await harness.bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    const progressing = await waitFor('progress on the card', () =>
      harness.notifier.of(id, 'card').find((d) => (d.notification.request.copy?.progress ?? 0) > 0),
    );
    expect(progressing.notification.request.copy?.progress).toBeLessThan(100);
    await finishCopy();
    const done = await harness.waitForStatus(id, 'done');
    expect(done.approval.decidedBy).toBe(APPROVER);
    expect(harness.copiesOf(id, 'ap-southeast-1')).toEqual([done.copy?.snapshotId]);
    expect(harness.notifier.posts(id, 'card')).toBe(1);
    expect(harness.notifier.posts(id, 'approval')).toBe(1);
    expect(harness.notifier.posts(id, 'outcome')).toBe(1);
    const approvalMessage = harness.notifier.latest(id, 'approval');
    expect(approvalMessage?.approval.decidedBy).toBe(APPROVER);
    expect(approvalMessage?.status).not.toBe('awaitingApproval');
  });

  it('rejects with a reason, and only with one', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    expect(await harness.bot.runtime.service.reject(id, APPROVER, '   ')).toEqual({
      ok: false,
      reason: 'reasonRequired',
    });
    const rejected = await harness.bot.runtime.service.reject(id, APPROVER, 'Use the nightly DR job instead');
    expect(rejected).toMatchObject({
      ok: true,
      request: {
        status: 'rejected',
        approval: { decidedBy: APPROVER, rejectReason: 'Use the nightly DR job instead' },
      },
    });
    // The first decision stands.
    expect(await harness.bot.runtime.service.approve(id, SECOND_APPROVER)).toMatchObject({
      ok: false,
      reason: 'alreadyDecided',
    });
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(harness.notifier.latest(id, 'outcome')?.approval.rejectReason).toBe(
      'Use the nightly DR job instead',
    );
    expect(copySnapshotCalls()).toHaveLength(0);
  });

  it('expires a request nobody decided in time', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    await bot.clock.advance(TEST_SETTINGS.approvalTtlMs - 1);
    expect((await bot.runtime.service.get(id))?.status).toBe('awaitingApproval');
    await bot.clock.advance(1);
    await harness.waitForStatus(id, 'expired');
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(await bot.runtime.service.approve(id, APPROVER)).toMatchObject({
      ok: false,
      reason: 'notAwaitingApproval',
    });
    expect(copySnapshotCalls()).toHaveLength(0);
  });

  it('refuses self-approval and approvals by non-approvers', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const lead = { userId: APPROVING_REQUESTER, channelId: 'C0OPS' };
    const id = await submit(crossRegionCopy, 'view-lead', lead);
    await harness.waitForStatus(id, 'awaitingApproval');
    const service = harness.bot.runtime.service;
    expect(await service.approve(id, APPROVING_REQUESTER)).toMatchObject({
      ok: false,
      reason: 'selfApproval',
    });
    expect(await service.reject(id, APPROVING_REQUESTER, 'mine')).toMatchObject({
      ok: false,
      reason: 'selfApproval',
    });
    expect(await service.approve(id, BYSTANDER)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(await service.cancel(id, BYSTANDER)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(await service.approve('sc-aaaaaaaaaa', APPROVER)).toEqual({ ok: false, reason: 'notFound' });
    expect(await service.listAwaitingApproval(APPROVING_REQUESTER)).toHaveLength(0);
    expect((await service.get(id))?.status).toBe('awaitingApproval');
    const refusals = (await harness.probe.audit.forRequest(id)).filter((entry) =>
      entry.action.endsWith('.refused'),
    );
    expect(refusals.map((entry) => [entry.actor, entry.detail?.reason])).toContainEqual([
      APPROVING_REQUESTER,
      'selfApproval',
    ]);
  });

  it('fails a request the cloud facts refuse, without calling CopySnapshot', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit(encryptedStandardCopy);
    const failed = await harness.waitForStatus(id, 'failed');
    expect(failed.refusals?.length).toBeGreaterThan(0);
    expect(failed.refusals?.map((refusal) => refusal.field)).toContain('copyType');
    expect(copySnapshotCalls()).toHaveLength(0);
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(await harness.bot.runtime.service.check(encryptedStandardCopy)).toEqual(failed.refusals);
  });

  it('returns the same request for a repeated submission', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const [first, second] = await Promise.all([
      submit(crossRegionCopy, 'view-9'),
      submit(crossRegionCopy, 'view-9'),
    ]);
    expect(second).toBe(first);
    expect(await harness.bot.runtime.service.listByRequester(REQUESTER)).toHaveLength(1);
    const invalid = await harness.bot.runtime.service.submit(
      { ...crossRegionCopy, name: 'x' },
      requester,
      'view-10',
    );
    expect(invalid.ok).toBe(false);
  });

  it('keeps retrying a notification that failed, and then shows the latest state', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess();
    harness.notifier.failNext(3);
    const id = await submit(sameRegionCopy);
    await harness.waitForStatus(id, 'inProgress');
    expect(harness.notifier.of(id)).toHaveLength(0);
    for (const backoffMs of [1_000, 2_000, 4_000]) await bot.clock.advance(backoffMs);
    await waitFor('the card after three failures', () => harness.notifier.posts(id, 'card') === 1);
    expect(harness.notifier.latest(id, 'card')?.status).toBe('inProgress');
    expect(harness.notifier.of(id, 'card')).toHaveLength(1);
  });

  it('waits as long as a failed delivery asked before trying again', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess();
    harness.notifier.failNext(1, 30_000);
    const id = await submit(sameRegionCopy);
    await harness.waitForStatus(id, 'inProgress');
    await waitFor('the failed delivery', () => harness.notifier.failuresLeft() === 0);
    await bot.clock.advance(1_000);
    await bot.clock.advance(1_000);
    expect(harness.notifier.posts(id, 'card')).toBe(0);
    await bot.clock.advance(28_000);
    await waitFor('the card after Retry-After', () => harness.notifier.posts(id, 'card') === 1);
  });

  it('coalesces progress-only card updates to one per interval, the latest winning', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess({ settings: { cardUpdateMinIntervalMs: 60_000 } });
    const id = await submit(sameRegionCopy);
    await harness.waitForStatus(id, 'inProgress');
    await waitFor('the card', () => harness.notifier.latest(id, 'card')?.status === 'inProgress');
    const before = harness.notifier.of(id, 'card').length;
    for (let tick = 0; tick < 4; tick++) {
      harness.cloud.clock.advance(4_000);
      await bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    }
    const polled = await waitFor('four progress polls', async () => {
      const view = await bot.runtime.service.get(id);
      return (view?.copy?.progress ?? 0) > 0 ? view : undefined;
    });
    expect(harness.notifier.of(id, 'card')).toHaveLength(before);
    await bot.clock.advance(60_000 - 4 * TEST_SETTINGS.pollMinIntervalMs);
    await waitFor('one coalesced update', () => harness.notifier.of(id, 'card').length > before);
    const latest = harness.notifier.latest(id, 'card');
    expect(latest?.copy?.progress).toBeGreaterThanOrEqual(polled.copy?.progress ?? 0);
    expect(harness.notifier.of(id, 'card').length).toBe(before + 1);
  });
});

describe('cancelling', () => {
  it('ends a request before the copy starts', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    const cancelled = await harness.bot.runtime.service.cancel(id, REQUESTER);
    expect(cancelled).toMatchObject({
      ok: true,
      request: { status: 'cancelled', cancellation: { by: REQUESTER, outcome: 'beforeCopy' } },
    });
    expect(await harness.bot.runtime.service.cancel(id, REQUESTER)).toMatchObject({
      ok: false,
      reason: 'alreadyFinished',
    });
    expect(copySnapshotCalls()).toHaveLength(0);
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
  });

  it('deletes the partial copy when cancelled during the copy', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    await harness.bot.runtime.service.approve(id, APPROVER);
    const running = await harness.waitForStatus(id, 'inProgress');
    const copyId = running.copy?.snapshotId;
    expect(harness.cloud.world.snapshot(copyId!)?.status).toBe('progressing');
    expect(await harness.bot.runtime.service.cancel(id, APPROVER)).toMatchObject({ ok: true });
    const cancelled = await harness.waitForStatus(id, 'cancelled');
    expect(cancelled.cancellation).toMatchObject({ by: APPROVER, outcome: 'partialCopyDeleted' });
    expect(harness.cloud.world.snapshot(copyId!)).toBeUndefined();
    expect(harness.cloud.calls.callsTo('DeleteSnapshot')).toHaveLength(1);
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
  });

  it('keeps a copy that finished before the cancel reached it', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit(sameRegionCopy);
    const running = await harness.waitForStatus(id, 'inProgress');
    // The cloud finished; the poller has not looked yet.
    harness.cloud.clock.advance(30 * 60_000);
    await harness.bot.runtime.service.cancel(id, REQUESTER);
    const done = await harness.waitForStatus(id, 'done');
    expect(done.cancellation).toMatchObject({ by: REQUESTER, outcome: 'copyAlreadyFinished' });
    expect(harness.cloud.world.snapshot(running.copy!.snapshotId!)?.status).toBe('accomplished');
    expect(harness.cloud.calls.callsTo('DeleteSnapshot')).toHaveLength(0);
  });

  it('gives one consistent outcome when an approval and a cancel arrive together', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    const service = harness.bot.runtime.service;
    const [approved, cancelled] = await Promise.all([
      service.approve(id, APPROVER),
      service.cancel(id, REQUESTER),
    ]);
    expect(cancelled.ok).toBe(true);
    const final = await harness.waitForStatus(id, 'cancelled');
    if (approved.ok) {
      // The copy had started: it was created once and deleted.
      expect(copySnapshotCalls()).toHaveLength(1);
      expect(final.cancellation?.outcome).toBe('partialCopyDeleted');
    } else {
      expect(approved.reason).toBe('notAwaitingApproval');
      expect(copySnapshotCalls()).toHaveLength(0);
      expect(final.cancellation?.outcome).toBe('beforeCopy');
    }
    expect(harness.copiesOf(id, 'ap-southeast-1')).toEqual([]);
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
  });

  it('gives one decision when two approvers click at once', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'awaitingApproval');
    const service = harness.bot.runtime.service;
    const results = await Promise.all([
      service.approve(id, APPROVER),
      service.reject(id, SECOND_APPROVER, 'no'),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ reason: 'alreadyDecided' });
    await harness.waitForStatus(id, 'inProgress');
    expect(copySnapshotCalls()).toHaveLength(1);
  });
});
