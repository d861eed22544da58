/** What the outside world (Slack, the audit export, the App Home) may know about one request. */
import type { ApprovalReason, CopyParameters, Refusal, Requester } from '../domain/copy-request.ts';
import type { CostEstimate } from '../domain/cost-estimate.ts';

export type RequestStatus =
  | 'validating'
  | 'estimating'
  | 'awaitingApproval'
  | 'copying'
  | 'inProgress'
  | 'done'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'failed';

export const FINAL_STATUSES: readonly RequestStatus[] = [
  'done',
  'rejected',
  'expired',
  'cancelled',
  'failed',
];

export interface ResolvedKey {
  keyId: string;
  alias?: string;
  /** True for alias/acs/ecs. */
  defaultServiceKey: boolean;
}

export interface RequestView {
  requestId: string;
  status: RequestStatus;
  parameters: CopyParameters;
  requester: Requester;
  /** Set on the items of a batch: the batch speaks for them in Slack and in lists. */
  batch?: { batchId: string; index: number };
  createdAt: number;
  updatedAt: number;
  approval: {
    required: boolean;
    reasons: ApprovalReason[];
    /** Epoch ms after which an undecided request expires. */
    deadline?: number;
    decidedBy?: string;
    decidedAt?: number;
    /** Same-region default-key copies are approved by policy. */
    automatic?: boolean;
    rejectReason?: string;
  };
  estimate?: CostEstimate;
  /** Facts about the source shown to people (size, disk, encryption, date). */
  source?: {
    sizeGiB?: number;
    diskId?: string;
    diskSizeGiB?: number;
    encrypted: boolean;
    createdAt?: string;
  };
  key?: ResolvedKey;
  /** Set when validation refused the request (status failed). */
  refusals?: Refusal[];
  copy?: {
    snapshotId?: string;
    progress: number;
    remainTimeSeconds?: number;
    startedAt?: number;
    finishedAt?: number;
  };
  /**
   * Set while the request (status `copying`) waits for a copy slot in its destination region.
   * `ahead` (requests that get one first) changes with every copy ending there, so only live
   * views carry it; the durable view, and so the card, says only that the request is queued.
   */
  queued?: { regionId: string; ahead?: number };
  failure?: { code: string; hint: string; cloudRequestId?: string };
  cancellation?: {
    by: string;
    at: number;
    outcome: 'beforeCopy' | 'partialCopyDeleted' | 'copyAlreadyFinished';
  };
}
