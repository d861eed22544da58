/**
 * Crash at each state: the first bot process dies without stopping (no final writes, timers
 * frozen, calls in flight lost), a second one opens the same store file, restores and finishes.
 * Whatever the crash point, the stand-in holds exactly one copy made by CopySnapshot and the
 * outcome is posted once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import type { Notification } from '../../src/workflow/notifier.ts';
import type { RequestStatus } from '../../src/workflow/request-view.ts';
import { REQUESTS_COLLECTION } from '../../src/workflow/runtime.ts';
import {
  APPROVER,
  type BotProcess,
  crossRegionCopy,
  type Harness,
  type ProcessOptions,
  REQUESTER,
  requester,
  sameRegionCopy,
  startHarness,
  TEST_SETTINGS,
  waitFor,
} from './runtime-harness.ts';

let harness: Harness;
afterEach(async () => harness?.close());

interface CrashScenario {
  name: string;
  parameters: CopyParameters;
  /** How the first process dies, when it is not killed by the test itself. */
  crash?: ProcessOptions;
  /** Drives the first process up to the crash point; returns once it is there. */
  upToCrash(harness: Harness, requestId: string): Promise<void>;
  /** Drives the second process to the end. */
  finish(harness: Harness, requestId: string): Promise<void>;
  final: RequestStatus;
  copies: number;
  /** Calls the stand-in received, both processes together. */
  calls: Record<string, number>;
}

const calledWith = (name: string, when: 'before' | 'after') => (method: string) =>
  method === name ? when : undefined;

async function approve(h: Harness, requestId: string) {
  await h.waitForStatus(requestId, 'awaitingApproval');
  expect(await h.bot.runtime.service.approve(requestId, APPROVER)).toMatchObject({ ok: true });
}

async function finishCopy(h: Harness, requestId: string) {
  await h.waitForStatus(requestId, 'inProgress');
  h.cloud.clock.advance(30 * 60_000);
  await h.bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
}

/** The first process's state is durable and its notifications delivered: crash after this. */
async function settledAt(h: Harness, requestId: string, state: string) {
  await waitFor(`${requestId} durable in ${state}`, async () => {
    const record = await h.record(requestId);
    const path = JSON.stringify(record?.snapshot?.value ?? '');
    const outbox = Object.values(record?.outbox ?? {});
    return path.includes(state) && outbox.every((slot) => slot && slot.delivered >= slot.revision);
  });
}

const nothing = async () => {};

const scenarios: CrashScenario[] = [
  {
    name: 'validating, before the first cloud call',
    parameters: sameRegionCopy,
    crash: { crashOnCloud: calledWith('listRegions', 'before') },
    upToCrash: nothing,
    finish: finishCopy,
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 1 },
  },
  {
    name: 'awaiting approval',
    parameters: crossRegionCopy,
    upToCrash: (h, id) => settledAt(h, id, 'awaitingApproval'),
    finish: async (h, id) => {
      await approve(h, id);
      await finishCopy(h, id);
    },
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 1 },
  },
  {
    name: 'copying, with CopySnapshot about to leave',
    parameters: sameRegionCopy,
    crash: { crashOnCloud: calledWith('copySnapshot', 'before') },
    upToCrash: nothing,
    finish: finishCopy,
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 1 },
  },
  {
    name: 'copying, after the cloud accepted CopySnapshot but before the answer was seen',
    parameters: sameRegionCopy,
    crash: { crashOnCloud: calledWith('copySnapshot', 'after') },
    upToCrash: nothing,
    finish: finishCopy,
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 2 },
  },
  {
    name: 'in progress',
    parameters: crossRegionCopy,
    upToCrash: async (h, id) => {
      await approve(h, id);
      await settledAt(h, id, 'inProgress');
    },
    finish: finishCopy,
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 1 },
  },
  {
    name: 'cancelling, after the partial copy was deleted but before the answer was seen',
    parameters: sameRegionCopy,
    crash: { crashOnCloud: calledWith('deleteSnapshot', 'after') },
    upToCrash: async (h, id) => {
      await h.waitForStatus(id, 'inProgress');
      void h.bot.runtime.service.cancel(id, REQUESTER);
    },
    finish: async (h, id) => {
      await h.waitForStatus(id, 'cancelled');
    },
    final: 'cancelled',
    copies: 0,
    calls: { CopySnapshot: 1, DeleteSnapshot: 2 },
  },
  {
    name: 'done, before the outcome was posted',
    parameters: sameRegionCopy,
    crash: {
      crashOnNotify: (_method, args) => ((args[0] as Notification).slot === 'outcome' ? 'before' : undefined),
    },
    upToCrash: (h, id) => finishCopy(h, id),
    finish: nothing,
    final: 'done',
    copies: 1,
    calls: { CopySnapshot: 1, DeleteSnapshot: 0 },
  },
];

async function submitWithoutWaiting(bot: BotProcess, parameters: CopyParameters): Promise<string> {
  // The process may die before the submission is acknowledged; the request is found in the store.
  void bot.runtime.service.submit(parameters, requester, 'view-crash');
  const [id] = await waitFor('the request record', async () => {
    const ids = await harness.probe.collection(REQUESTS_COLLECTION).ids();
    return ids.length > 0 ? ids : undefined;
  });
  return id!;
}

describe('restart after a crash', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
    'crash while %s',
    async (_, scenario) => {
      harness = await startHarness();
      const first = await harness.startProcess(scenario.crash);
      const id = await submitWithoutWaiting(first, scenario.parameters);
      await scenario.upToCrash(harness, id);
      if (scenario.crash) await waitFor('the crash', () => first.life.dead);
      first.crash();

      const second = await harness.startProcess();
      expect(second.runtime).not.toBe(first.runtime);
      await scenario.finish(harness, id);
      const final = await harness.waitForStatus(id, scenario.final);
      await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') >= 1);
      await waitFor('the request to be archived', async () => (await harness.record(id)) === undefined);

      const region = scenario.parameters.destinationRegionId;
      expect(harness.copiesOf(id, region)).toHaveLength(scenario.copies);
      const tokens = new Set(
        harness.cloud.calls.callsTo('CopySnapshot').map((call) => call.params.ClientToken),
      );
      expect([...tokens]).toEqual([`snapcopy-${id}`]);
      if (scenario.copies === 1) expect(final.copy?.snapshotId).toBe(harness.copiesOf(id, region)[0]);
      expect(harness.notifier.posts(id, 'outcome')).toBe(1);
      expect(harness.notifier.latest(id, 'outcome')?.status).toBe(scenario.final);
      for (const [action, count] of Object.entries(scenario.calls)) {
        expect(harness.cloud.calls.callsTo(action), action).toHaveLength(count);
      }
    },
  );

  it('expires an approval after a restart that happened mid-wait', async () => {
    harness = await startHarness();
    const first = await harness.startProcess();
    const submitted = await first.runtime.service.submit(crossRegionCopy, requester, 'view-expiry');
    if (!submitted.ok) throw new Error('refused');
    const id = submitted.request.requestId;
    const waiting = await harness.waitForStatus(id, 'awaitingApproval');
    await settledAt(harness, id, 'awaitingApproval');
    await first.clock.advance(TEST_SETTINGS.approvalTtlMs / 2);
    first.crash();

    const second = await harness.startProcess();
    await second.clock.advance(TEST_SETTINGS.approvalTtlMs / 2 - 1_000);
    expect((await second.runtime.service.get(id))?.status).toBe('awaitingApproval');
    await second.clock.advance(1_000);
    expect(second.clock.now()).toBe(waiting.approval.deadline);
    await harness.waitForStatus(id, 'expired');
    await waitFor('the outcome', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(0);
  });

  it('restores nothing from a snapshot of another machine version, and says so', async () => {
    harness = await startHarness();
    const first = await harness.startProcess();
    const submitted = await first.runtime.service.submit(crossRegionCopy, requester, 'view-version');
    if (!submitted.ok) throw new Error('refused');
    const id = submitted.request.requestId;
    await settledAt(harness, id, 'awaitingApproval');
    await first.runtime.stop();
    const requests = harness.probe.collection<Record<string, unknown>>(REQUESTS_COLLECTION);
    const stored = await requests.get(id);
    await requests.update(id, stored!.version, { ...stored!.value, machineVersion: 999 });

    const second = await harness.startProcess();
    expect(await second.runtime.service.listAwaitingApproval(APPROVER)).toHaveLength(0);
    expect(await second.runtime.service.approve(id, APPROVER)).toMatchObject({
      ok: false,
      reason: 'notAwaitingApproval',
    });
    expect(second.logLines.some((line) => line.includes('machine mismatch') && line.includes(id))).toBe(true);
    expect((await harness.record(id))?.machineVersion).toBe(999);
  });
});
