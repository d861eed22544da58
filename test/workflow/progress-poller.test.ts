/**
 * The shared poller: N copies running in one region cost one DescribeSnapshots call per tick,
 * counted in the stand-in's call log, and each copy still gets its own result.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encryptInPlace, FLEET_REGION, fleetWorld } from './fleet-world.ts';
import { type Harness, requester, startHarness, TEST_SETTINGS, waitFor } from './runtime-harness.ts';

const COPIES = 6;
const world = fleetWorld(COPIES);

let harness: Harness;
afterEach(async () => harness?.close());

describe('progress poller', () => {
  it('polls every running copy of a region with one DescribeSnapshots call per tick', async () => {
    harness = await startHarness({ worldFile: world });
    const bot = await harness.startProcess();
    const ids: string[] = [];
    for (let i = 0; i < COPIES; i++) {
      const submitted = await bot.runtime.service.submit(encryptInPlace(i), requester, `view-${i}`);
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.refusals));
      ids.push(submitted.request.requestId);
    }
    for (const id of ids) await harness.waitForStatus(id, 'inProgress');
    const describeCalls = () => harness.cloud.calls.callsTo('DescribeSnapshots');
    const copyIds = (call: { params: Record<string, string> }) =>
      JSON.parse(call.params.SnapshotIds ?? '[]') as string[];

    /** Moves the bot's clock a second at a time until its poller calls DescribeSnapshots. */
    const advanceUntilPolled = async (before: number) => {
      for (let second = 0; second < 60; second++) {
        await bot.clock.advance(1_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (describeCalls().length > before) return;
      }
      throw new Error('no poll within a minute');
    };
    const progressOf = async () =>
      (await Promise.all(ids.map((id) => bot.runtime.service.get(id)))).map(
        (view) => view?.copy?.progress ?? 0,
      );

    let previous = await progressOf();
    for (let tick = 1; tick <= 3; tick++) {
      const before = describeCalls().length;
      harness.cloud.clock.advance(10_000);
      await advanceUntilPolled(before);
      const current = await waitFor(`progress of tick ${tick}`, async () => {
        const progress = await progressOf();
        return progress.every((value, i) => value > (previous[i] ?? 0)) ? progress : undefined;
      });
      previous = current;
      const calls = describeCalls().slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.params.RegionId).toBe(FLEET_REGION);
      const running = await Promise.all(ids.map((id) => bot.runtime.service.get(id)));
      expect(copyIds(calls[0]!).sort()).toEqual(running.map((view) => view?.copy?.snapshotId).sort());
    }

    harness.cloud.clock.advance(30 * 60_000);
    await bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
    for (const id of ids) await harness.waitForStatus(id, 'done');
  });

  it('fails a copy that vanished from its region with a clear code', async () => {
    harness = await startHarness({ worldFile: world });
    const bot = await harness.startProcess();
    const submitted = await bot.runtime.service.submit(encryptInPlace(0), requester, 'view-gone');
    if (!submitted.ok) throw new Error('refused');
    const running = await harness.waitForStatus(submitted.request.requestId, 'inProgress');
    harness.cloud.world.deleteSnapshot(running.copy!.snapshotId!);
    await bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    await bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    const failed = await harness.waitForStatus(submitted.request.requestId, 'failed');
    expect(failed.failure?.code).toBe('SnapshotCopyVanished');
    expect(failed.failure?.hint).toContain(running.copy!.snapshotId!);
  });

  it('reports a copy the cloud failed, and retries a poll that failed', async () => {
    harness = await startHarness({ worldFile: world });
    const bot = await harness.startProcess();
    const submitted = await bot.runtime.service.submit(encryptInPlace(1), requester, 'view-fail');
    if (!submitted.ok) throw new Error('refused');
    const running = await harness.waitForStatus(submitted.request.requestId, 'inProgress');
    harness.cloud.faults.inject({ action: 'DescribeSnapshots', kind: 'serverError', times: 2 });
    await bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    await waitFor('the failed poll', () =>
      bot.logLines.some((line) => line.includes('progress poll failed')),
    );
    expect((await bot.runtime.service.get(submitted.request.requestId))?.status).toBe('inProgress');
    harness.cloud.world.failCopy(running.copy!.snapshotId!);
    await bot.clock.advance(TEST_SETTINGS.pollMinIntervalMs);
    const failed = await harness.waitForStatus(submitted.request.requestId, 'failed');
    expect(failed.failure?.code).toBe('SnapshotCopyFailed');
  });
});
