/** Builds RequestViews for tests: a realistic cross-region CMK copy, changed by overrides. */
import type { RequestView } from '../../../src/workflow/request-view.ts';

export const REQUESTER = 'U0REQUESTER';
export const APPROVER = 'U0APPROVER1';

export function buildRequestView(overrides: Partial<RequestView> = {}): RequestView {
  const createdAt = Date.UTC(2026, 10, 25, 9, 0);
  return {
    requestId: 'sc-abcdefghij',
    status: 'awaitingApproval',
    parameters: {
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1source0001',
      destinationRegionId: 'ap-southeast-1',
      copyType: 'copyAndEncrypt',
      key: { kind: 'customerMasterKey', keyId: 'key-sg-cmk-0001' },
      name: 'dr-copy',
      description: 'Disaster recovery copy',
      tags: [{ key: 'env', value: 'prod' }],
      retentionDays: 30,
      reason: 'Quarterly DR drill',
    },
    requester: { userId: REQUESTER, channelId: 'C0OPS' },
    createdAt,
    updatedAt: createdAt + 1000,
    approval: {
      required: true,
      reasons: ['crossRegion', 'customerMasterKey'],
      deadline: createdAt + 24 * 3_600_000,
    },
    estimate: {
      basis: 'fullDiskSize',
      billedSizeGiB: 40,
      isUpperBound: false,
      explanation: 'first copy to ap-southeast-1 under key-sg-cmk-0001: full disk size 40 GiB',
      transferFee: { amount: 3.2, currency: 'USD' },
      storageFeePerMonth: { amount: 1.0, currency: 'USD' },
      kmsFee: { amount: 1.0, currency: 'USD' },
      total: { amount: 5.2, currency: 'USD' },
      destinationRegionId: 'ap-southeast-1',
      prices: { source: 'example', asOf: '2026-11-01', isExample: true },
    },
    source: {
      sizeGiB: 40,
      diskId: 'd-bp1disk0001',
      diskSizeGiB: 40,
      encrypted: false,
      createdAt: '2026-11-20T08:00:00Z',
    },
    key: { keyId: 'key-sg-cmk-0001', alias: 'alias/dr-key', defaultServiceKey: false },
    ...overrides,
  };
}
