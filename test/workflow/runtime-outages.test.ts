/**
 * Outages and rival writers: a store that fails for a while, a cloud that answers 5xx, a key that
 * stops working after the approval, and another writer changing the record behind the actor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import { REQUESTS_COLLECTION } from '../../src/workflow/runtime.ts';
import {
  APPROVER,
  crossRegionCopy,
  type Harness,
  requester,
  sameRegionCopy,
  startHarness,
  waitFor,
} from './runtime-harness.ts';

let harness: Harness;
afterEach(async () => harness?.close());

async function submit(parameters: CopyParameters) {
  const result = await harness.bot.runtime.service.submit(parameters, requester, 'view-1');
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
  return result.request.requestId;
}

describe('outages', () => {
  it('retries record writes through a store outage and only then confirms the approval', async () => {
    harness = await startHarness();
    let failingWrites = 0;
    const bot = await harness.startProcess({
      crashOnStore: (method) => {
        if (method !== 'update' || failingWrites === 0) return undefined;
        failingWrites--;
        return 'fail';
      },
    });
    const id = await submit(crossRegionCopy);
    await harness.waitForStatus(id, 'awaitingApproval');
    await waitFor('the approval message', () => harness.notifier.posts(id, 'approval') === 1);
    await waitFor('a quiet outbox', async () => {
      const outbox = Object.values((await harness.record(id))?.outbox ?? {});
      return outbox.every((slot) => slot && slot.delivered >= slot.revision);
    });

    failingWrites = 3;
    let confirmed = false;
    const approving = bot.runtime.service.approve(id, APPROVER).then((result) => {
      confirmed = true;
      return result;
    });
    await waitFor('a failed write', () => bot.logLines.some((line) => line.includes('request write failed')));
    expect(confirmed).toBe(false);
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(0);
    for (const backoffMs of [200, 400, 800]) await bot.clock.advance(backoffMs);
    expect(await approving).toMatchObject({ ok: true });
    expect((await harness.record(id))?.snapshot?.context.approval?.decidedBy).toBe(APPROVER);
    await harness.waitForStatus(id, 'inProgress');
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(1);
  });

  it('retries CopySnapshot with durable back-off after a cloud outage, with the same call', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess();
    // The gateway makes two attempts per call: both fail, so the machine backs off.
    harness.cloud.faults.inject({ action: 'CopySnapshot', kind: 'serverError', times: 2 });
    const id = await submit(sameRegionCopy);
    await waitFor('the retry to be scheduled', async () => {
      const record = await harness.record(id);
      return JSON.stringify(record?.snapshot?.value).includes('waitingToRetry') ? record : undefined;
    });
    const retry = (await harness.record(id))?.snapshot?.context.retry;
    expect(retry).toMatchObject({ attempt: 1, code: 'InternalError' });
    expect(retry?.at).toBe(bot.clock.now() + 5_000);
    await bot.clock.advance(5_000);
    const running = await harness.waitForStatus(id, 'inProgress');
    const calls = harness.cloud.calls.callsTo('CopySnapshot');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => JSON.stringify(call.params))).size).toBe(1);
    expect(new Set(calls.map((call) => call.params.ClientToken))).toEqual(new Set([`snapcopy-${id}`]));
    expect(harness.copiesOf(id, 'cn-hangzhou')).toEqual([running.copy?.snapshotId]);
  });

  it('fails with the cloud code and hint when CopySnapshot is refused for good', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const underCmk: CopyParameters = {
      ...crossRegionCopy,
      destinationRegionId: 'cn-shanghai',
      copyType: 'copyAndEncrypt',
      key: { kind: 'customerMasterKey', keyId: 'alias/dr-backup' },
    };
    const id = await submit(underCmk);
    const waiting = await harness.waitForStatus(id, 'awaitingApproval');
    expect(waiting.approval.reasons).toEqual(['crossRegion', 'customerMasterKey']);
    expect(waiting.key).toMatchObject({ keyId: 'key-uf6drbackup0000001', alias: 'alias/dr-backup' });
    harness.cloud.world.setKeyState('key-uf6drbackup0000001', 'Disabled');
    await harness.bot.runtime.service.approve(id, APPROVER);
    const failed = await harness.waitForStatus(id, 'failed');
    expect(failed.failure?.code).toBe('InvalidParameter.KMSKeyId.CMKNotEnabled');
    expect(failed.failure?.hint.length).toBeGreaterThan(10);
    expect(failed.failure?.cloudRequestId).toBeDefined();
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(1);
    expect(harness.cloud.calls.callsTo('CopySnapshot')[0]?.params.KMSKeyId).toBe('key-uf6drbackup0000001');
  });
});

describe('another writer', () => {
  it('stops the actor on a CAS conflict and continues only from the stored state', async () => {
    harness = await startHarness();
    const bot = await harness.startProcess();
    const id = await submit(crossRegionCopy);
    await harness.waitForStatus(id, 'awaitingApproval');
    await waitFor('a quiet outbox', async () => {
      const outbox = Object.values((await harness.record(id))?.outbox ?? {});
      return outbox.length > 0 && outbox.every((slot) => slot && slot.delivered >= slot.revision);
    });
    const requests = harness.probe.collection(REQUESTS_COLLECTION);
    const stored = await requests.get(id);
    await requests.update(id, stored!.version, stored!.value);

    await expect(bot.runtime.service.approve(id, APPROVER)).rejects.toThrow(/not hosted/);
    // The stale actor's copy step never reached the cloud.
    await waitFor('the request to be reloaded', async () =>
      (await bot.runtime.service.listAwaitingApproval(APPROVER)).some((view) => view.requestId === id),
    );
    expect(harness.cloud.calls.callsTo('CopySnapshot')).toHaveLength(0);
    expect(bot.logLines.some((line) => line.includes('CAS conflict'))).toBe(true);

    expect(await bot.runtime.service.approve(id, APPROVER)).toMatchObject({ ok: true });
    await harness.waitForStatus(id, 'inProgress');
    expect(harness.copiesOf(id, 'ap-southeast-1')).toHaveLength(1);
  });
});
