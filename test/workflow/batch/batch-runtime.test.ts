/**
 * Batches in the real runtime against the stand-in cloud: one decision bound to the selection,
 * one CopySnapshot per item, one card and one result for the batch and none for its items, a
 * failing item that fails only itself, cancel mid-batch, and a restart in the middle.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_ID_TAG_KEY } from '../../../src/domain/provenance.ts';
import type { BatchView } from '../../../src/workflow/batch/copy-batch-view.ts';
import {
  APPROVER,
  type BotProcess,
  type Harness,
  REQUESTER,
  requester,
  startHarness,
  waitFor,
} from '../runtime-harness.ts';
import {
  BATCH_DESTINATION,
  batchWorld,
  instanceBatch,
  snapshotIdOf,
  UNSNAPSHOTTED_DISK,
} from './batch-world.ts';

let harness: Harness;
afterEach(async () => harness?.close());

const copySnapshotCalls = () => harness.cloud.calls.callsTo('CopySnapshot');

async function submitted(bot: BotProcess, submissionId = 'view-batch'): Promise<BatchView> {
  const result = await bot.runtime.batches.submit(instanceBatch, requester, submissionId);
  if (!result.ok) throw new Error(JSON.stringify(result.refusals));
  return result.batch;
}

function waitForBatch(batchId: string, done: (view: BatchView) => boolean, what: string): Promise<BatchView> {
  return waitFor(what, async () => {
    const view = await harness.bot.runtime.batches.get(batchId);
    return view && done(view) ? view : undefined;
  });
}

const waitForStatus = (batchId: string, status: BatchView['status']) =>
  waitForBatch(batchId, (view) => view.status === status, `batch ${batchId} to be ${status}`);

/** Lets the cloud finish what runs, and the bot poll it, until the batch reaches `status`. */
async function runUntil(bot: BotProcess, batchId: string, status: BatchView['status']): Promise<BatchView> {
  for (let round = 0; round < 40; round++) {
    const view = await bot.runtime.batches.get(batchId);
    if (view?.status === status) return view;
    harness.cloud.clock.advance(15_000);
    await bot.clock.advance(15_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return waitForStatus(batchId, status);
}

describe('a batch in the runtime', () => {
  it('asks once for the whole selection, then copies every item exactly once and tells one result', async () => {
    harness = await startHarness({ worldFile: batchWorld(5) });
    const bot = await harness.startProcess();
    const { batchId } = await submitted(bot);
    const awaiting = await waitForStatus(batchId, 'awaitingApproval');
    expect(awaiting.items.map((item) => item.sourceSnapshotId)).toEqual([0, 1, 2, 3, 4].map(snapshotIdOf));
    expect(awaiting.refused.map((refusal) => [refusal.diskId, refusal.code])).toEqual([
      [UNSNAPSHOTTED_DISK, 'sourceSnapshotId.none'],
    ]);
    expect(awaiting.approval).toMatchObject({ required: true, reasons: ['crossRegion'] });
    expect(awaiting.estimate?.billedSizeGiB).toBeGreaterThan(0);
    expect(awaiting.digest).toMatch(/^[0-9a-f]{16}$/);

    // Submitting the same modal again finds the same batch.
    expect((await submitted(bot)).batchId).toBe(batchId);
    // Nobody decides on another list, and only approvers decide.
    expect(await bot.runtime.batches.approve(batchId, APPROVER, 'another-digest')).toMatchObject({
      ok: false,
      reason: 'selectionChanged',
    });
    expect(await bot.runtime.batches.approve(batchId, REQUESTER, awaiting.digest ?? '')).toMatchObject({
      ok: false,
      reason: 'notAllowed',
    });
    expect(copySnapshotCalls()).toHaveLength(0);

    const approved = await bot.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '');
    expect(approved).toMatchObject({ ok: true });
    expect(await bot.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '')).toMatchObject({
      ok: false,
      reason: 'alreadyDecided',
    });

    const done = await runUntil(bot, batchId, 'done');
    expect(done.counts).toMatchObject({ total: 5, done: 5, failed: 0 });
    expect(copySnapshotCalls()).toHaveLength(5);
    for (const item of done.items) {
      expect(item.newSnapshotId).toBeDefined();
      const [copy] = harness.cloud.world
        .snapshotsIn(BATCH_DESTINATION)
        .filter((snapshot) => snapshot.snapshotId === item.newSnapshotId);
      expect(copy?.tags).toContainEqual({ key: BATCH_ID_TAG_KEY, value: batchId });
      expect(copy?.sourceSnapshotId).toBe(item.sourceSnapshotId);
      // The item's request carries the batch's decision, not one of its own.
      const request = await bot.runtime.service.get(item.requestId ?? '');
      expect(request?.approval).toMatchObject({ decidedBy: APPROVER });
      expect(harness.notifier.of(item.requestId ?? '')).toHaveLength(0);
    }

    const outcome = await waitFor('the batch result', () => harness.notifier.ofBatch(batchId, 'outcome')[0]);
    expect(outcome.notification.batch.status).toBe('done');
    expect(harness.notifier.ofBatch(batchId, 'outcome').filter((d) => d.previous === undefined)).toHaveLength(
      1,
    );
    expect(
      harness.notifier.ofBatch(batchId, 'approval').filter((d) => d.previous === undefined),
    ).toHaveLength(1);
    expect(harness.notifier.ofBatch(batchId, 'card').filter((d) => d.previous === undefined)).toHaveLength(1);
    // Listed as one batch, not as its items.
    expect(await bot.runtime.service.listByRequester(REQUESTER)).toHaveLength(0);
    expect((await bot.runtime.batches.listByRequester(REQUESTER)).map((view) => view.batchId)).toEqual([
      batchId,
    ]);
  });

  it('lets one failing item fail alone: the batch ends partially done with the failure named', async () => {
    harness = await startHarness({ worldFile: batchWorld(3) });
    const bot = await harness.startProcess();
    const { batchId } = await submitted(bot);
    const awaiting = await waitForStatus(batchId, 'awaitingApproval');
    await bot.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '');
    const copying = await waitForBatch(
      batchId,
      (view) => view.items.every((item) => item.newSnapshotId !== undefined),
      'every item copying',
    );
    harness.cloud.world.failCopy(copying.items[1]?.newSnapshotId ?? '');
    const ended = await runUntil(bot, batchId, 'partiallyDone');
    expect(ended.counts).toMatchObject({ done: 2, failed: 1 });
    expect(ended.items[1]?.status).toBe('failed');
    expect(ended.items[1]?.failure?.code).toBeTruthy();
    expect(copySnapshotCalls()).toHaveLength(3);
  });

  it('cancels mid-batch: queued items send nothing, running copies are deleted, finished ones kept', async () => {
    harness = await startHarness({ worldFile: batchWorld(4) });
    const bot = await harness.startProcess({ settings: { maxCopiesPerRegion: 1 } });
    const { batchId } = await submitted(bot);
    const awaiting = await waitForStatus(batchId, 'awaitingApproval');
    await bot.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '');
    // The first copy runs while the other three wait for the region's only slot.
    await waitForBatch(
      batchId,
      (view) => view.counts.copying === 1 && view.counts.queued === 3,
      'one copying',
    );
    // It finishes (30 s of copying), and the second takes the slot.
    harness.cloud.clock.advance(31_000);
    await bot.clock.advance(15_000);
    const secondRunning = await waitForBatch(
      batchId,
      (view) => view.counts.done === 1 && view.items[1]?.newSnapshotId !== undefined,
      'the first item done and the second copying',
    );
    expect(secondRunning.counts).toMatchObject({ done: 1, copying: 1, queued: 2 });
    const cancelled = await bot.runtime.batches.cancel(batchId, REQUESTER);
    expect(cancelled).toMatchObject({ ok: true });
    const ended = await waitForStatus(batchId, 'cancelled');
    expect(ended.counts).toMatchObject({ done: 1, cancelled: 3 });
    expect(ended.items[1]?.cancellation?.outcome).toBe('partialCopyDeleted');
    expect(ended.items[2]?.cancellation?.outcome).toBe('beforeCopy');
    expect(copySnapshotCalls()).toHaveLength(2);
    expect(harness.cloud.world.snapshotsIn(BATCH_DESTINATION)).toHaveLength(1);
    expect(ended.cancellation).toMatchObject({ by: REQUESTER });
  });

  it('goes on after a crash right after the approval: one copy per item, one result', async () => {
    harness = await startHarness({ worldFile: batchWorld(4) });
    let copies = 0;
    const first = await harness.startProcess({
      // Dies as the third item's copy leaves: two copies exist, the rest are still to be made.
      crashOnCloud: (method) => (method === 'copySnapshot' && ++copies === 3 ? 'before' : undefined),
    });
    const { batchId } = await submitted(first);
    const awaiting = await waitForStatus(batchId, 'awaitingApproval');
    await first.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '');
    await waitFor('the crash', () => first.life.dead);
    first.crash();

    const second = await harness.startProcess();
    const done = await runUntil(second, batchId, 'done');
    expect(done.counts).toMatchObject({ total: 4, done: 4 });
    for (const item of done.items)
      expect(harness.copiesOf(item.requestId ?? '', BATCH_DESTINATION)).toHaveLength(1);
    await waitFor('the batch result', () => harness.notifier.ofBatch(batchId, 'outcome')[0]);
    expect(harness.notifier.ofBatch(batchId, 'outcome').filter((d) => d.previous === undefined)).toHaveLength(
      1,
    );
  });

  it('creates its items again after the store refused the first one for a while', async () => {
    harness = await startHarness({ worldFile: batchWorld(2) });
    let refusals = 0;
    const bot = await harness.startProcess({
      // Every try at storing the first item fails, until the batch's own retry comes round.
      crashOnStore: (method, args) =>
        method === 'create' && String(args[0]).endsWith('-001') && ++refusals <= 4 ? 'fail' : undefined,
    });
    const { batchId } = await submitted(bot);
    const awaiting = await waitForStatus(batchId, 'awaitingApproval');
    await bot.runtime.batches.approve(batchId, APPROVER, awaiting.digest ?? '');
    const done = await runUntil(bot, batchId, 'done');
    expect(refusals).toBeGreaterThan(4);
    expect(done.counts).toMatchObject({ total: 2, done: 2 });
    expect(copySnapshotCalls()).toHaveLength(2);
  });
});
