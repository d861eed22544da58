/**
 * Copy slots in the real runtime against the stand-in cloud: approved requests beyond the cap
 * wait without calling CopySnapshot, start as copies end, keep their order across a restart,
 * and a cancel while queued sends nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encryptInPlace, FLEET_REGION, fleetWorld } from './fleet-world.ts';
import {
  type BotProcess,
  type Harness,
  REQUESTER,
  requester,
  startHarness,
  TEST_SETTINGS,
  waitFor,
} from './runtime-harness.ts';

const REQUESTS = 5;
const CAP = 2;

let harness: Harness;
afterEach(async () => harness?.close());

const copySnapshotCalls = () => harness.cloud.calls.callsTo('CopySnapshot');
const copiesAccomplished = () =>
  harness.cloud.world
    .snapshotsIn(FLEET_REGION)
    .filter((snapshot) => snapshot.sourceSnapshotId && snapshot.status === 'accomplished').length;

/**
 * As each CopySnapshot leaves, how many copies are in flight with it: every call sent (by this
 * process or, `earlier`, by one before it) whose copy has not finished.
 */
function countInFlight(seen: number[], earlier = 0) {
  let sent = earlier;
  return (method: string) => {
    if (method === 'copySnapshot') seen.push(++sent - copiesAccomplished());
    return undefined;
  };
}

/** Submits one request per disk, a second apart, so each asked for its slot at its own time. */
async function submitAll(bot: BotProcess, count = REQUESTS): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const submitted = await bot.runtime.service.submit(encryptInPlace(i), requester, `view-${i}`);
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.refusals));
    ids.push(submitted.request.requestId);
    await bot.clock.advance(1_000);
  }
  return ids;
}

async function statuses(ids: string[]) {
  return Promise.all(ids.map(async (id) => harness.bot.runtime.service.get(id)));
}

/** Waits until the running copies are the first `running` of `ids`, the rest queued. */
async function settledWith(ids: string[], running: number) {
  await waitFor(`${running} copies running, the rest queued`, async () => {
    const views = await statuses(ids);
    return views.every((view, i) =>
      i < running ? view?.status === 'inProgress' : view?.status === 'copying' && view.queued,
    );
  });
}

/** Finishes every copy the cloud is making, and lets the bot notice. */
async function finishRunningCopies() {
  harness.cloud.clock.advance(30 * 60_000);
  await harness.bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
}

/** Round by round, the next `CAP` requests in line run and finish, until all are done. */
async function copyAllInRounds(ids: string[]) {
  for (let done = 0; done < ids.length; done += CAP) {
    await waitFor('the copies of this round to run', async () =>
      (await statuses(ids.slice(done, done + CAP))).every((view) => view?.status === 'inProgress'),
    );
    await finishRunningCopies();
  }
  for (const id of ids) await harness.waitForStatus(id, 'done');
  // First come, first served: the calls went out in the order the requests were approved.
  expect(copySnapshotCalls().map((call) => call.params.ClientToken)).toEqual(
    ids.map((id) => `snapcopy-${id}`),
  );
}

describe('copy slots in the runtime', () => {
  it(`runs ${REQUESTS} approved requests ${CAP} at a time, each copied once`, async () => {
    harness = await startHarness({ worldFile: fleetWorld(REQUESTS) });
    const inFlight: number[] = [];
    const bot = await harness.startProcess({
      settings: { maxCopiesPerRegion: CAP },
      crashOnCloud: countInFlight(inFlight),
    });
    const ids = await submitAll(bot);
    await settledWith(ids, CAP);
    expect(copySnapshotCalls()).toHaveLength(CAP);
    expect((await statuses(ids)).map((view) => view?.queued)).toEqual([
      undefined,
      undefined,
      { regionId: FLEET_REGION, ahead: 0 },
      { regionId: FLEET_REGION, ahead: 1 },
      { regionId: FLEET_REGION, ahead: 2 },
    ]);
    // The card says the request waits; the place in line is read live (`/snapcopy status`).
    const queuedCard = ids[4] ?? '';
    // Same status, so a progress-only card update: at most one per interval.
    await bot.clock.advance(TEST_SETTINGS.cardUpdateMinIntervalMs);
    await waitFor('the queued card', () => harness.notifier.latest(queuedCard, 'card')?.queued);
    expect(harness.notifier.latest(queuedCard, 'card')?.queued).toEqual({ regionId: FLEET_REGION });
    expect(await bot.runtime.census()).toMatchObject({
      copiesInFlight: { [FLEET_REGION]: CAP },
      copiesQueued: { [FLEET_REGION]: REQUESTS - CAP },
    });

    await copyAllInRounds(ids);
    expect(copySnapshotCalls()).toHaveLength(REQUESTS);
    expect(Math.max(...inFlight)).toBe(CAP);
    await waitFor('the last card without a queue', () =>
      ids.every((id) => harness.notifier.latest(id, 'card')?.status === 'done'),
    );
    expect(ids.map((id) => harness.notifier.latest(id, 'card')?.queued)).toEqual(ids.map(() => undefined));
  });

  it('cancels a queued request without a call, and its place goes to the next', async () => {
    harness = await startHarness({ worldFile: fleetWorld(3) });
    const bot = await harness.startProcess({ settings: { maxCopiesPerRegion: 1 } });
    const [running, cancelled, next] = await submitAll(bot, 3);
    await settledWith([running ?? '', cancelled ?? '', next ?? ''], 1);
    expect(await bot.runtime.service.cancel(cancelled ?? '', REQUESTER)).toMatchObject({ ok: true });
    const view = await harness.waitForStatus(cancelled ?? '', 'cancelled');
    expect(view.cancellation).toMatchObject({ by: REQUESTER, outcome: 'beforeCopy' });
    expect(view.failure).toBeUndefined();
    expect((await bot.runtime.service.get(next ?? ''))?.queued).toEqual({ regionId: FLEET_REGION, ahead: 0 });
    await finishRunningCopies();
    await harness.waitForStatus(next ?? '', 'inProgress');
    expect(copySnapshotCalls().map((call) => call.params.ClientToken)).toEqual([
      `snapcopy-${running}`,
      `snapcopy-${next}`,
    ]);
    expect(harness.copiesOf(cancelled ?? '', FLEET_REGION)).toEqual([]);
  });

  it('after a restart, counts the restored copies first and keeps the queue in order', async () => {
    harness = await startHarness({ worldFile: fleetWorld(REQUESTS) });
    const first = await harness.startProcess({ settings: { maxCopiesPerRegion: CAP } });
    const ids = await submitAll(first);
    await settledWith(ids, CAP);
    first.crash();

    const inFlight: number[] = [];
    await harness.startProcess({
      settings: { maxCopiesPerRegion: CAP },
      // A slow store: the requests restored first run well before the last one is read back.
      crashOnStore: (method) =>
        method === 'get' ? new Promise((resolve) => setTimeout(resolve, 20)) : undefined,
      crashOnCloud: countInFlight(inFlight, copySnapshotCalls().length),
    });
    await settledWith(ids, CAP);
    // The restored copies are polled, not sent again; the queued requests wait for them.
    expect(copySnapshotCalls()).toHaveLength(CAP);
    expect((await statuses(ids)).map((view) => view?.queued?.ahead)).toEqual([undefined, undefined, 0, 1, 2]);

    await copyAllInRounds(ids);
    expect(Math.max(...inFlight)).toBe(CAP);
  });
});
