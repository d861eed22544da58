/** Plain inputs and step outputs for driving the copy-request machine without a cloud. */
import type { Snapshot } from '../../src/cloud/cloud-gateway.ts';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import type { CostEstimate } from '../../src/domain/cost-estimate.ts';
import type { RequestFacts } from '../../src/domain/request-facts.ts';
import type {
  Assessment,
  CopyRequestInput,
  EstimateOutcome,
  StepFailure,
} from '../../src/workflow/copy-request-context.ts';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const REQUESTER = 'U0REQUESTER';
export const APPROVER = 'U0APPROVER';

export const parameters: CopyParameters = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1source000001',
  destinationRegionId: 'ap-southeast-1',
  copyType: 'copy',
  name: 'dr-copy',
  description: 'disaster recovery copy',
  tags: [{ key: 'team', value: 'sre' }],
  retentionDays: 30,
};

export function requestInput(overrides: Partial<CopyRequestInput> = {}): CopyRequestInput {
  return {
    requestId: 'sc-abcdefghij',
    parameters,
    requester: { userId: REQUESTER, channelId: 'C0OPS' },
    createdAt: T0,
    policy: { approvalTtlMs: 24 * 3600_000, retryBaseMs: 1000, retryMaxMs: 8000, maxAttempts: 3 },
    ...overrides,
  };
}

const sourceSnapshot: Snapshot = {
  snapshotId: parameters.sourceSnapshotId,
  regionId: parameters.sourceRegionId,
  name: 'web-data',
  description: '',
  status: 'accomplished',
  progress: 100,
  category: 'standard',
  encrypted: false,
  sourceDiskId: 'd-bp1disk00000001',
  sourceDiskSizeGiB: 40,
  creationTime: '2026-01-01T00:00:00Z',
  tags: [],
};

export const facts: RequestFacts = {
  sourceRegionKnown: true,
  destinationRegionKnown: true,
  sourceSnapshot,
  copyHistory: [],
};

export const estimate: CostEstimate = {
  basis: 'fullSnapshotSize',
  billedSizeGiB: 40,
  isUpperBound: false,
  explanation: 'first copy to ap-southeast-1: full snapshot size 40 GiB',
  transferFee: { amount: 2, currency: 'USD' },
  storageFeePerMonth: { amount: 1, currency: 'USD' },
  total: { amount: 3, currency: 'USD' },
  destinationRegionId: 'ap-southeast-1',
  prices: { source: 'example', asOf: '2026-11-01', isExample: true },
};

export const accepted: Assessment = { refusals: [], facts, at: T0 + 1000 };
export const refused: Assessment = {
  refusals: [{ code: 'SnapshotNotFound', field: 'sourceSnapshotId', message: 'No such snapshot.' }],
  facts: { ...facts, sourceSnapshot: undefined },
  at: T0 + 1000,
};
export const needsApproval: EstimateOutcome = {
  estimate,
  approval: { required: true, reasons: ['crossRegion'] },
  at: T0 + 2000,
};
export const approvedByPolicy: EstimateOutcome = {
  estimate,
  approval: { required: false, reasons: [] },
  at: T0 + 2000,
};
export const throttled: StepFailure = {
  code: 'Throttling.User',
  hint: 'Alibaba Cloud is throttling; snapcopy will try again.',
  retryable: true,
  at: T0 + 3000,
};
export const forbidden: StepFailure = {
  code: 'Forbidden.RAM',
  hint: 'The RAM user lacks permission.',
  retryable: false,
  cloudRequestId: 'REQ-1',
  at: T0 + 3000,
};
