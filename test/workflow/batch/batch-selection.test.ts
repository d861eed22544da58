import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudGateway } from '../../../src/cloud/cloud-gateway.ts';
import type { BatchParameters, DiskSelector } from '../../../src/domain/copy-batch.ts';
import { loadPriceTable } from '../../../src/domain/price-table.ts';
import type { AlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { selectBatch } from '../../../src/workflow/batch/batch-selection.ts';
import { startStandInGateway } from '../../cloud/alibaba/stand-in-gateway.ts';
import { buildBatchParameters } from '../../domain/request-builders.ts';

const prices = loadPriceTable({ env: {} });
const ERP: DiskSelector = { kind: 'instance', instanceId: 'i-bp1erp0100000000001' };
const APP_DB: DiskSelector = { kind: 'tags', tags: [{ key: 'app', value: 'db' }] };
const DRILL: DiskSelector = { kind: 'instance', instanceId: 'i-bp1drill000000000001' };

/** With a tag of the requester's own, as the single-request builder has. */
const batch = (selector: DiskSelector, overrides: Partial<BatchParameters> = {}) =>
  buildBatchParameters(selector, { tags: [{ key: 'team', value: 'platform' }], ...overrides });

const cents = (amount: number) => Math.round(amount * 100);

let standIn: AlibabaStandIn;
let gateway: CloudGateway;

beforeAll(async () => {
  ({ standIn, gateway } = await startStandInGateway());
});

afterAll(async () => {
  await standIn.close();
});

describe('selectBatch', () => {
  it('copies the ERP instance’s latest finished snapshots, system disk first, and refuses the disks without one', async () => {
    const selection = await selectBatch(gateway, batch(ERP), prices);
    expect(selection.refusals).toEqual([]);
    expect(selection.disksFound).toBe(5);
    expect(
      selection.items.map(({ index, diskId, sourceSnapshotId }) => [index, diskId, sourceSnapshotId]),
    ).toEqual([
      [0, 'd-bp1erp01system0001', 's-bp1erp01system0001'],
      [1, 'd-bp1erp01orders0001', 's-bp1erp01orders0002'],
      // Its newer snapshot is still being created; the newest finished one is copied.
      [2, 'd-bp1erp01uploads001', 's-bp1erp01uploads001'],
    ]);
    expect(selection.refused.map(({ diskId, code }) => [diskId, code])).toEqual([
      ['d-bp1erp01reports001', 'sourceSnapshotId.notReady'],
      ['d-bp1erp01scratch001', 'sourceSnapshotId.none'],
    ]);
    const orders = selection.items[1];
    expect(orders).toMatchObject({ diskName: 'erp-01-orders', sizeGiB: 150 });
    expect(orders?.parameters).toMatchObject({
      sourceSnapshotId: 's-bp1erp01orders0002',
      name: 'dr-d-bp1erp01orders0001',
      destinationRegionId: 'cn-shanghai',
    });
    expect(selection.approval).toEqual({ required: true, reasons: ['crossRegion'] });
    expect(selection.key).toBeUndefined();
  });

  it('refuses the encrypted db-01 for a standard copy, and copies it with Copy and Encrypt', async () => {
    const plain = await selectBatch(gateway, batch(APP_DB), prices);
    expect(plain.disksFound).toBe(3);
    expect(plain.items.map((item) => item.diskId)).toEqual(['d-bp1db02data00000001']);
    expect(plain.refused.map(({ diskId, code }) => [diskId, code])).toEqual([
      ['d-bp1db03data00000001', 'sourceSnapshotId.archived'],
      ['d-bp1db01data00000001', 'copyType.encryptedSource'],
    ]);
    expect(plain.refused[1]?.snapshotId).toBe('s-bp1db01data00000001');

    const encrypted = await selectBatch(
      gateway,
      batch(APP_DB, { copyType: 'copyAndEncrypt', key: { kind: 'defaultServiceKey' } }),
      prices,
    );
    expect(encrypted.items.map((item) => item.diskId)).toEqual([
      'd-bp1db01data00000001',
      'd-bp1db02data00000001',
    ]);
    expect(encrypted.refused.map((refusal) => refusal.code)).toEqual(['sourceSnapshotId.archived']);
    expect(encrypted.key).toMatchObject({ alias: 'alias/acs/ecs', defaultServiceKey: true });
  });

  it('selects all 40 disks of the drill instance and totals their estimates', async () => {
    const selection = await selectBatch(gateway, batch(DRILL), prices);
    expect(selection.items).toHaveLength(40);
    expect(selection.refused).toEqual([]);
    expect(selection.items.map((item) => item.index)).toEqual([...Array(40).keys()]);
    const estimate = selection.estimate!;
    const itemsTotal = selection.items.reduce((sum, item) => sum + cents(item.estimate.total.amount), 0);
    expect(cents(estimate.total.amount)).toBe(itemsTotal);
    expect(estimate.total.amount).toBeGreaterThan(0);
    const billed = selection.items.reduce((sum, item) => sum + item.estimate.billedSizeGiB, 0);
    expect(estimate.billedSizeGiB).toBeCloseTo(billed, 2);
    expect(estimate.isUpperBound).toBe(false);
  });

  it('gathers the facts of at most 8 items at a time', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const counting: CloudGateway = {
      ...gateway,
      async findCopies(query) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await gateway.findCopies(query);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const selection = await selectBatch(counting, batch(DRILL), prices);
    expect(selection.items).toHaveLength(40);
    expect(mostInFlight).toBe(8);
  });

  it('refuses the batch once, not per disk, for a key missing from the destination', async () => {
    const selection = await selectBatch(
      gateway,
      batch(DRILL, {
        copyType: 'copyAndEncrypt',
        key: { kind: 'customerMasterKey', keyId: 'alias/no-such-key' },
      }),
      prices,
    );
    expect(selection.refusals.map((refusal) => refusal.code)).toEqual(['key.notFound']);
    expect(selection.items).toEqual([]);
    expect(selection.refused).toEqual([]);
    expect(selection.estimate).toBeUndefined();
  });

  it('refuses a malformed instance ID without asking the cloud', async () => {
    standIn.calls.clear();
    const selection = await selectBatch(gateway, batch({ kind: 'instance', instanceId: 'erp-01' }), prices);
    expect(selection.refusals).toEqual([
      expect.objectContaining({ code: 'selector.malformedInstanceId', field: 'selector' }),
    ]);
    expect(standIn.calls.all()).toEqual([]);
  });

  it('refuses selector tags without a value, and the batch’s own bad parameters', async () => {
    const selection = await selectBatch(
      gateway,
      batch(
        { kind: 'tags', tags: [{ key: 'app', value: '' }] },
        { tags: [{ key: 'acs:owner', value: 'x' }] },
      ),
      prices,
    );
    expect(selection.refusals.map((refusal) => refusal.code)).toEqual([
      'selector.incompleteTag',
      'tags.reservedKey',
    ]);
  });

  it('says so when the selector finds no disk', async () => {
    const selection = await selectBatch(
      gateway,
      batch({ kind: 'tags', tags: [{ key: 'app', value: 'nothing-here' }] }),
      prices,
    );
    expect(selection.refusals).toEqual([
      {
        code: 'selector.noDisks',
        field: 'selector',
        message: expect.stringContaining('No disk in cn-hangzhou carries all of the tags app=nothing-here'),
      },
    ]);
    expect(selection.disksFound).toBe(0);
  });

  it('refuses an item whose disk already has an unfinished copy on its way to the destination', async () => {
    await gateway.copySnapshot({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1erp01orders0001',
      destinationRegionId: 'cn-shanghai',
      name: 'orders-by-hand',
      description: 'copied outside snapcopy',
      encrypted: false,
      tags: [],
      clientToken: 'batch-selection-unfinished-copy',
    });
    const selection = await selectBatch(gateway, batch(ERP), prices);
    expect(selection.items.map((item) => item.diskId)).toEqual([
      'd-bp1erp01system0001',
      'd-bp1erp01uploads001',
    ]);
    expect(selection.refused).toContainEqual(
      expect.objectContaining({
        diskId: 'd-bp1erp01orders0001',
        snapshotId: 's-bp1erp01orders0002',
        code: 'destinationRegionId.unfinishedCopy',
      }),
    );
  });
});
