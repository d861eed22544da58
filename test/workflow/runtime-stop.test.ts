/**
 * A clean stop: the composition root closes the store right after `runtime.stop()`, so stop must
 * outwait every store write the runtime started, and wake the ones sleeping in a retry back-off
 * instead of leaving them to write (or fail) after it returned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_COLLECTION } from '../../src/workflow/runtime.ts';
import { settle } from './manual-clock.ts';
import {
  APPROVER,
  type BotProcess,
  crossRegionCopy,
  type Harness,
  type ProcessOptions,
  requester,
  sameRegionCopy,
  startHarness,
  TEST_SETTINGS,
  waitFor,
} from './runtime-harness.ts';

let harness: Harness;
afterEach(async () => harness?.close());

/** Far beyond the store's longest back-off (30 s): a call left waiting would have retried by then. */
const LONG_AFTER_MS = 10 * 60_000;
/** Real time a stop may take here: the clock is driven by hand, so a back-off never ends by itself. */
const STOP_BOUND_MS = 2_000;

type StoreHook = NonNullable<ProcessOptions['crashOnStore']>;

/** A process whose store calls go through `hook`; those made after its stop returned are noted. */
async function startWatched(hook: (method: string) => ReturnType<StoreHook>) {
  const late: string[] = [];
  let stopReturned = false;
  const bot = await harness.startProcess({
    crashOnStore: (method) => {
      if (stopReturned) late.push(method);
      return hook(method);
    },
  });
  return {
    bot,
    stopReturned: () => stopReturned,
    /** Store calls made after stop returned, however long the clock runs on. */
    async callsAfterStop(): Promise<string[]> {
      await bot.clock.advance(LONG_AFTER_MS);
      return late;
    },
    /** Stops the process (or gives up waiting), then closes its store as the composition root does. */
    async stop(): Promise<'stopped' | 'still waiting'> {
      const outcome = await Promise.race([
        bot.runtime.stop().then(() => 'stopped' as const),
        new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), STOP_BOUND_MS)),
      ]);
      stopReturned = true;
      await bot.store.close();
      return outcome;
    },
  };
}

/** A process whose store fails every call of `failingMethod` once `failures.on` is set. */
async function startFailing(failingMethod: string) {
  const failures = { on: false, count: 0 };
  const watched = await startWatched((method) => {
    if (method !== failingMethod || !failures.on) return undefined;
    failures.count++;
    return 'fail';
  });
  return { ...watched, failures };
}

async function submit(bot: BotProcess, parameters = sameRegionCopy) {
  const result = await bot.runtime.service.submit(parameters, requester, 'view-1');
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
  return result.request.requestId;
}

async function finishCopy(bot: BotProcess, requestId: string) {
  await harness.waitForStatus(requestId, 'inProgress');
  harness.cloud.clock.advance(30 * 60_000);
  await bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
}

/** Where the store keeps the request once the process is gone: open records, archive, or both. */
async function placesOf(requestId: string): Promise<string[]> {
  const open = await harness.record(requestId);
  const archived = await harness.probe
    .archive(ARCHIVE_COLLECTION, TEST_SETTINGS.archiveRetentionMs)
    .get(requestId);
  return [...(open ? ['open'] : []), ...(archived ? ['archive'] : [])];
}

describe('runtime.stop()', () => {
  it('waits for a finished request half archived, which then is in the archive alone', async () => {
    harness = await startHarness();
    let holdDeletes = false;
    let deleteHeld = false;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // Archiving writes the archive's copy first, then deletes the open record: hold it in between.
    const watched = await startWatched((method) => {
      if (method !== 'delete' || !holdDeletes) return undefined;
      deleteHeld = true;
      return released;
    });
    const id = await submit(watched.bot);
    holdDeletes = true;
    await finishCopy(watched.bot, id);
    await waitFor('the archive to be half written', () => deleteHeld);

    const stopping = watched.stop();
    await settle();
    const returnedWhileHeld = watched.stopReturned();
    release();
    expect(await stopping).toBe('stopped');

    expect(await placesOf(id)).toEqual(['archive']);
    expect(returnedWhileHeld).toBe(false);
    expect((await harness.probe.audit.forRequest(id)).map((entry) => entry.action)).toContain('archived');
    expect(await watched.callsAfterStop()).toEqual([]);
    expect(watched.bot.logLines.filter((line) => line.includes('the store is closed'))).toEqual([]);
  });

  it('wakes the archive sleeping in its store back-off, which writes nothing more', async () => {
    harness = await startHarness();
    const watched = await startFailing('create');
    const id = await submit(watched.bot);
    await harness.waitForStatus(id, 'inProgress');
    // From here the only record created is the archive's copy of the finished request.
    watched.failures.on = true;
    await finishCopy(watched.bot, id);
    await waitFor('the archive to fail', () => watched.failures.count > 0);
    // 200 ms, 400 ms, … 25.6 s: by then each retry waits the whole 30 s cap.
    await watched.bot.clock.advance(60_000);

    expect(await watched.stop()).toBe('stopped');
    expect(await watched.callsAfterStop()).toEqual([]);
    // Never archived: the next start finds it finished and told, and archives it then.
    expect(await placesOf(id)).toEqual(['open']);
  });

  it("wakes a request's own write sleeping in its back-off, which writes nothing more", async () => {
    harness = await startHarness();
    const watched = await startFailing('update');
    const id = await submit(watched.bot, crossRegionCopy);
    await harness.waitForStatus(id, 'awaitingApproval');
    watched.failures.on = true;
    const approving = watched.bot.runtime.service.approve(id, APPROVER);
    await waitFor('a write to fail', () => watched.failures.count > 0);
    await watched.bot.clock.advance(60_000);

    expect(await watched.stop()).toBe('stopped');
    // Never written, so never confirmed.
    await expect(approving).rejects.toThrow('service unavailable');
    expect(await watched.callsAfterStop()).toEqual([]);
    expect((await harness.record(id))?.snapshot?.context.approval?.decidedBy).toBeUndefined();
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(0);
  });
});
