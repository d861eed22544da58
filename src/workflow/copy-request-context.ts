/**
 * The plain-JSON shapes of one copy request's actor: its input, context, events and the outputs
 * of its invoked steps. Times are epoch-ms numbers and failures are `{ code, hint }` so a
 * persisted snapshot survives JSON and a restart unchanged.
 */
import type { CopySnapshotCall } from '../cloud/cloud-gateway.ts';
import type { ApprovalDecision, CopyParameters, Refusal, Requester } from '../domain/copy-request.ts';
import type { CostEstimate } from '../domain/cost-estimate.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { RequestView, ResolvedKey } from './request-view.ts';

/** Settings fixed into a request when it is created, so a restart keeps the same rules. */
export interface WorkflowPolicy {
  approvalTtlMs: number;
  /** Back-off for cloud steps that failed with a retryable error. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts per step before the request fails with the last error. */
  maxAttempts: number;
}

/**
 * Set on the items of a batch. An item is created only once the batch was approved (or approved
 * by policy), so it carries that decision instead of asking for its own.
 */
export interface BatchMembership {
  batchId: string;
  index: number;
  approval?: { by: string; at: number };
}

export interface CopyRequestInput {
  requestId: string;
  parameters: CopyParameters;
  requester: Requester;
  createdAt: number;
  policy: WorkflowPolicy;
  batch?: BatchMembership;
}

export type SourceSummary = NonNullable<RequestView['source']>;
export type Failure = NonNullable<RequestView['failure']>;
export type CancellationOutcome = NonNullable<RequestView['cancellation']>['outcome'];

/** How a step failed; `retryable` decides between durable back-off and the failed state. */
export interface StepFailure {
  code: string;
  hint: string;
  retryable: boolean;
  cloudRequestId?: string;
  at: number;
}

export interface Assessment {
  refusals: Refusal[];
  facts: RequestFacts;
  at: number;
}

export interface EstimateOutcome {
  estimate: CostEstimate;
  approval: ApprovalDecision;
  key?: ResolvedKey;
  at: number;
}

export interface CopyStarted {
  snapshotId: string;
  cloudRequestId: string;
  at: number;
}

export interface CopyCancelled {
  outcome: Exclude<CancellationOutcome, 'beforeCopy'>;
  cloudRequestId?: string;
  at: number;
}

export interface CopyRequestContext {
  requestId: string;
  parameters: CopyParameters;
  requester: Requester;
  createdAt: number;
  updatedAt: number;
  policy: WorkflowPolicy;
  batch?: BatchMembership;
  /** Held only between validating and estimating; the summary and the copy call outlive it. */
  facts?: RequestFacts;
  source?: SourceSummary;
  refusals?: Refusal[];
  /** Every CopySnapshot parameter, ClientToken included, fixed once so a retry sends the same call. */
  copyCall?: CopySnapshotCall;
  estimate?: CostEstimate;
  key?: ResolvedKey;
  approval?: RequestView['approval'];
  copy?: NonNullable<RequestView['copy']>;
  /** Set while a step waits to be tried again; `at` is the absolute time of the next attempt. */
  retry?: { attempt: number; at: number; code: string };
  /** A cancel that arrived while CopySnapshot was in flight, applied once the new snapshot ID is known. */
  cancelRequested?: { by: string; at: number };
  failure?: Failure;
  cancellation?: RequestView['cancellation'];
}

/** Sent by people through the service. */
export type DecisionEvent =
  | { type: 'APPROVE'; by: string; at: number }
  | { type: 'REJECT'; by: string; reason: string; at: number }
  | { type: 'CANCEL'; by: string; at: number };

/** Sent by the shared progress poller while the copy runs. */
export type ProgressEvent =
  | { type: 'PROGRESS'; progress: number; remainTime?: number; at: number }
  | { type: 'COPY_SUCCEEDED'; at: number }
  | { type: 'COPY_FAILED'; code: string; hint: string; at: number };

/** Sent by the deadline timer when the absolute time it was armed for has come. */
export interface DeadlineEvent {
  type: 'DEADLINE';
  at: number;
}

export type CopyRequestEvent = DecisionEvent | ProgressEvent | DeadlineEvent;

export interface DeadlineInput {
  until: number;
}

export interface CopyStepInput {
  requestId: string;
  call: CopySnapshotCall;
}

export interface TrackedCopy {
  requestId: string;
  regionId: string;
  snapshotId: string;
}
