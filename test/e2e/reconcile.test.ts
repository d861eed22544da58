/**
 * `snapcopy reconcile` against a bot's real store and the Alibaba stand-in through the real ECS
 * SDK, with a world that has one case of each finding beside a healthy copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FINDINGS, reconcileCommand } from '../../src/app/reconcile-command.ts';
import { createAlibabaGateway } from '../../src/cloud/alibaba/index.ts';
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import { loadReconcileConfig, type ReconcileConfig } from '../../src/config/reconcile-config.ts';
import { provenanceTags } from '../../src/domain/provenance.ts';
import { standInEnvironment } from '../../src/local/stand-in-environment.ts';
import { blocksText, Harness, ids } from './harness.ts';

const SAME_REGION = {
  sourceRegionId: 'cn-hangzhou',
  destinationRegionId: 'cn-hangzhou',
  copyType: 'copyAndEncrypt' as const,
  key: 'default',
};

let harness: Harness;
let dir: string;
let config: ReconcileConfig;
let gateway: CloudGateway;
const world = { healthy: '', gone: '', endedRequest: '', endedCopy: '', lostCopy: '' };

async function strayCopy(requestId: string, sourceSnapshotId: string, clientToken: string): Promise<string> {
  const copy = await gateway.copySnapshot({
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId,
    destinationRegionId: 'cn-shanghai',
    name: 'stray',
    description: 'made outside the bot',
    encrypted: false,
    tags: provenanceTags({ requestId, sourceSnapshotId, sourceRegionId: 'cn-hangzhou' }),
    clientToken,
  });
  return copy.snapshotId;
}

async function doneCopy(sourceSnapshotId: string): Promise<string> {
  const { request } = await harness.request({ ...SAME_REGION, sourceSnapshotId });
  const done = await harness.waitForStatus(request!.requestId, 'done');
  return done.copy!.snapshotId!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snapcopy-reconcile-'));
  const storeUrl = `sqlite:${join(dir, 'snapcopy.sqlite')}`;
  harness = await Harness.start({ env: { SNAPCOPY_STORE_URL: storeUrl } });
  config = loadReconcileConfig({
    ...standInEnvironment(harness.slack, harness.cloud),
    SNAPCOPY_STORE_URL: storeUrl,
  });
  gateway = createAlibabaGateway(config.alibaba);

  world.healthy = await doneCopy('s-bp1web01sys00000002');
  world.gone = await doneCopy('s-bp1web01sys00000001');
  await gateway.deleteSnapshot('cn-hangzhou', world.gone);

  const { request } = await harness.request({
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId: 's-bp1logs01data000001',
    destinationRegionId: 'cn-shanghai',
    copyType: 'copy',
  });
  world.endedRequest = request!.requestId;
  await harness.waitForStatus(world.endedRequest, 'awaitingApproval');
  expect(await harness.service.cancel(world.endedRequest, ids.requester)).toMatchObject({ ok: true });

  // From here copies stay in progress.
  harness.cloud.clock.setSpeed(0);
  world.endedCopy = await strayCopy(world.endedRequest, 's-bp1logs01data000001', 'reconcile-test-ended');
  world.lostCopy = await strayCopy('sc-lostwithstore01', 's-bp1web01sys00000001', 'reconcile-test-lost');
}, 60_000);

afterAll(async () => {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

async function reconcileLines(options: { deleteOrphans?: boolean; confirmed?: boolean } = {}) {
  const lines: Record<string, unknown>[] = [];
  const status = await reconcileCommand(
    { regionIds: [], deleteOrphans: options.deleteOrphans ?? false, confirmed: options.confirmed ?? false },
    { config },
    (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  );
  return { status, lines, of: (type: string) => lines.filter((line) => line.type === type) };
}

describe('snapcopy reconcile', () => {
  it('lists each case once as a JSON line, and the healthy copy not at all', async () => {
    const run = await reconcileLines();
    expect(run.status).toBe(EXIT_FINDINGS);
    expect(run.of('finding')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'missingCopy',
          regionId: 'cn-hangzhou',
          snapshotId: world.gone,
          requestStatus: 'done',
        }),
        expect.objectContaining({
          kind: 'copyOfEndedRequest',
          regionId: 'cn-shanghai',
          snapshotId: world.endedCopy,
          requestId: world.endedRequest,
          requestStatus: 'cancelled',
        }),
        expect.objectContaining({
          kind: 'unrecordedCopy',
          regionId: 'cn-shanghai',
          snapshotId: world.lostCopy,
          requestId: 'sc-lostwithstore01',
          copyStatus: 'progressing',
        }),
      ]),
    );
    expect(run.of('finding')).toHaveLength(3);
    expect(JSON.stringify(run.lines)).not.toContain(world.healthy);
    expect(run.lines.at(-1)).toMatchObject({
      type: 'summary',
      unrecordedCopy: 1,
      missingCopy: 1,
      copyOfEndedRequest: 1,
      deleted: 0,
    });
    expect(run.lines.at(-1)?.regions).toEqual(expect.arrayContaining(['cn-hangzhou', 'cn-shanghai']));
  });

  it('deletes nothing when --delete-orphans is not confirmed', async () => {
    const run = await reconcileLines({ deleteOrphans: true });
    expect(run.of('deleted')).toEqual([]);
    expect(harness.cloud.world.snapshot(world.endedCopy)).toBeDefined();
    expect(harness.cloud.world.snapshot(world.lostCopy)).toBeDefined();
  });

  it('with --yes deletes the stray copies only, and the next run finds only the missing copy', async () => {
    const deleteCallsBefore = harness.cloud.calls.callsTo('DeleteSnapshot').length;
    const run = await reconcileLines({ deleteOrphans: true, confirmed: true });
    expect(run.of('deleted').map((line) => line.snapshotId)).toEqual(
      expect.arrayContaining([world.endedCopy, world.lostCopy]),
    );
    expect(run.of('deleted')).toHaveLength(2);
    expect(harness.cloud.calls.callsTo('DeleteSnapshot')).toHaveLength(deleteCallsBefore + 2);
    expect(harness.cloud.world.snapshot(world.endedCopy)).toBeUndefined();
    expect(harness.cloud.world.snapshot(world.lostCopy)).toBeUndefined();
    expect(harness.cloud.world.snapshot(world.healthy)).toBeDefined();

    const after = await reconcileLines();
    expect(after.of('finding')).toEqual([
      expect.objectContaining({ kind: 'missingCopy', snapshotId: world.gone }),
    ]);
  });
});

describe('the periodic reconciliation in the bot', () => {
  it('posts what it finds in the approvals channel once, and deletes nothing', async () => {
    const periodic = await Harness.start({ env: { SNAPCOPY_RECONCILE_INTERVAL: '1s' }, clockSpeed: 0 });
    try {
      const cloud = createAlibabaGateway(
        loadReconcileConfig(standInEnvironment(periodic.slack, periodic.cloud)).alibaba,
      );
      const lost = await cloud.copySnapshot({
        sourceRegionId: 'cn-hangzhou',
        sourceSnapshotId: 's-bp1web01sys00000002',
        destinationRegionId: 'cn-shanghai',
        name: 'stray',
        description: 'made outside the bot',
        encrypted: false,
        tags: provenanceTags({
          requestId: 'sc-lostwithstore02',
          sourceSnapshotId: 's-bp1web01sys00000002',
          sourceRegionId: 'cn-hangzhou',
        }),
        clientToken: 'reconcile-test-periodic',
      });
      const reports = () =>
        periodic.botMessages(ids.approvalsChannel).filter((m) => JSON.stringify(m).includes(lost.snapshotId));
      await periodic.slack.waitFor(() => reports().length > 0);
      expect(blocksText(reports()[0]!)).toContain('sc-lostwithstore02');
      const runsSoFar = () =>
        periodic.logLines.filter((line) => line.includes('"message":"reconciliation"')).length;
      const seen = runsSoFar();
      await periodic.slack.waitFor(() => runsSoFar() >= seen + 2, { timeoutMs: 15_000 });
      expect(reports()).toHaveLength(1);
      expect(periodic.cloud.world.snapshot(lost.snapshotId)).toBeDefined();
    } finally {
      await periodic.close();
    }
  }, 60_000);
});
