/** Turns the workflow's status changes into transition, approval and copy-duration metrics. */
import type { Counter, Histogram } from 'prom-client';
import type { StatusChange, WorkflowObserver } from '../workflow/workflow-observer.ts';

export interface WorkflowMetricObjects {
  transitions: Counter<'from' | 'to'>;
  decisions: Counter<'decision'>;
  approvalWait: Histogram;
  copyDuration: Histogram;
}

export type ApprovalDecision = 'automatic' | 'approved' | 'rejected' | 'expired';

/** How the change ended an approval wait, if it did; a request cancelled while waiting is not a decision. */
export function decisionOf({ from, request }: StatusChange): ApprovalDecision | undefined {
  // CopySnapshot is written before it is sent, so an approved request is always seen in `copying`.
  if (request.status === 'copying' && request.approval.automatic) return 'automatic';
  if (from !== 'awaitingApproval') return undefined;
  if (request.status === 'rejected' || request.status === 'expired') return request.status;
  return request.approval.decidedBy ? 'approved' : undefined;
}

export function workflowMetrics(metrics: WorkflowMetricObjects): WorkflowObserver {
  return {
    moved(change) {
      const { request } = change;
      metrics.transitions.inc({ from: change.from, to: request.status });
      const decision = decisionOf(change);
      if (decision) metrics.decisions.inc({ decision });
      // Nobody waited for an automatic approval; its zero would only drag the quantiles down.
      if (decision && decision !== 'automatic') {
        // The request carries no time it entered awaitingApproval; validation before it takes seconds.
        const endedAt = request.approval.decidedAt ?? request.updatedAt;
        metrics.approvalWait.observe((endedAt - request.createdAt) / 1000);
      }
      const { copy } = request;
      if (request.status === 'done' && copy?.startedAt !== undefined && copy.finishedAt !== undefined) {
        metrics.copyDuration.observe((copy.finishedAt - copy.startedAt) / 1000);
      }
    },
  };
}
