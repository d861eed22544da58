/** Builds BatchViews for tests: an instance batch to another region under a CMK, changed by overrides. */
import type { BatchItemView, BatchView } from '../../../src/workflow/batch/copy-batch-view.ts';
import { REQUESTER } from './request-views.ts';

export const BATCH_ID = 'sb-abcdefgh23';

export function buildBatchItems(count: number, overrides: Partial<BatchItemView> = {}): BatchItemView[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    diskId: `d-bp1disk${String(index).padStart(5, '0')}`,
    sourceSnapshotId: `s-bp1source${String(index).padStart(5, '0')}`,
    sizeGiB: 40,
    requestId: `${BATCH_ID}-${String(index + 1).padStart(3, '0')}`,
    status: 'done',
    progress: 100,
    newSnapshotId: `s-t4new${String(index).padStart(5, '0')}`,
    ...overrides,
  }));
}

export function buildBatchView(overrides: Partial<BatchView> = {}): BatchView {
  const createdAt = Date.UTC(2026, 10, 25, 9, 0);
  const items =
    overrides.items ?? buildBatchItems(3, { status: 'pending', progress: 0, newSnapshotId: undefined });
  return {
    batchId: BATCH_ID,
    status: 'awaitingApproval',
    parameters: {
      sourceRegionId: 'cn-hangzhou',
      selector: { kind: 'instance', instanceId: 'i-bp1instance01' },
      destinationRegionId: 'ap-southeast-1',
      copyType: 'copyAndEncrypt',
      key: { kind: 'customerMasterKey', keyId: 'key-sg-cmk-0001' },
      name: 'dr',
      description: 'DR drill',
      tags: [],
      reason: 'Quarterly DR drill',
    },
    requester: { userId: REQUESTER, channelId: 'C0OPS' },
    createdAt,
    updatedAt: createdAt + 1000,
    digest: '0123456789abcdef',
    approval: { required: true, reasons: ['crossRegion'], deadline: createdAt + 24 * 3_600_000 },
    estimate: {
      total: { amount: 15.6, currency: 'USD' },
      transferFee: { amount: 9.6, currency: 'USD' },
      storageFeePerMonth: { amount: 3, currency: 'USD' },
      kmsFee: { amount: 3, currency: 'USD' },
      billedSizeGiB: 120,
      isUpperBound: false,
      prices: { source: 'example', asOf: '2026-11-01', isExample: true },
    },
    key: { keyId: 'key-sg-cmk-0001', alias: 'alias/dr-key', defaultServiceKey: false },
    items,
    refused: [
      {
        diskId: 'd-bp1archived',
        snapshotId: 's-bp1archived',
        code: 'archived',
        message: 'Archived snapshots cannot be copied.',
      },
    ],
    disksFound: items.length + 1,
    counts: {
      total: items.length,
      pending: items.length,
      queued: 0,
      copying: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
    },
    totalGiB: items.length * 40,
    ...overrides,
  };
}
