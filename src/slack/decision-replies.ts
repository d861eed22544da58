/** One user-facing sentence for each way a decision or a cancel of a request or a batch can be refused. */
import type { BatchCancelResult, BatchDecisionResult } from '../workflow/batch/copy-batch-service.ts';
import type { CancelResult, DecisionResult } from '../workflow/copy-request-service.ts';
import type { RequestView } from '../workflow/request-view.ts';
import { batchStatusWords } from './blocks/batch-text.ts';
import { formatTime, statusLabel } from './blocks/request-text.ts';
import { mention } from './blocks/slack-text.ts';

type DecisionFailure = Extract<DecisionResult, { ok: false }>;
type CancelFailure = Extract<CancelResult, { ok: false }>;
type BatchDecisionFailure = Extract<BatchDecisionResult, { ok: false }>;
type BatchCancelFailure = Extract<BatchCancelResult, { ok: false }>;

/** What the sentences need of a request or a batch: its name, approval and status in words. */
interface Subject {
  /** "Request sc-…" or "Batch sb-…". */
  name: string;
  approval?: RequestView['approval'];
  rejected: boolean;
  status?: string;
}

function requestSubject(requestId: string, request: RequestView | undefined): Subject {
  return {
    name: `Request ${requestId}`,
    rejected: request?.status === 'rejected',
    ...(request
      ? {
          approval: request.approval,
          status: statusLabel(request.status)
            .replace(/^:[a-z_]+: /, '')
            .toLowerCase(),
        }
      : {}),
  };
}

function batchSubject(batchId: string, batch: BatchDecisionFailure['batch']): Subject {
  return {
    name: `Batch ${batchId}`,
    rejected: batch?.status === 'rejected',
    ...(batch ? { approval: batch.approval, status: batchStatusWords(batch.status).toLowerCase() } : {}),
  };
}

export function decisionRefusal(requestId: string, result: DecisionFailure): string {
  return refusedDecision(requestSubject(requestId, result.request), result.reason);
}

export function batchDecisionRefusal(batchId: string, result: BatchDecisionFailure): string {
  if (result.reason === 'selectionChanged')
    return `Batch ${batchId} no longer holds the snapshots you were shown; look at its latest approval message and decide again.`;
  return refusedDecision(batchSubject(batchId, result.batch), result.reason);
}

function refusedDecision(subject: Subject, reason: DecisionFailure['reason']): string {
  switch (reason) {
    case 'notFound':
      return `I cannot find ${subject.name.toLowerCase()}.`;
    case 'notAllowed':
      return 'Only approvers can approve or reject snapcopy requests.';
    case 'selfApproval':
      return 'You cannot approve or reject your own request: another approver has to decide.';
    case 'alreadyDecided':
      return alreadyDecided(subject);
    case 'notAwaitingApproval':
      return `${subject.name} is not waiting for approval any more (${subject.status ?? 'unknown status'}).`;
    case 'reasonRequired':
      return 'Say why you reject the request: the requester sees the reason.';
  }
}

function alreadyDecided(subject: Subject): string {
  const approval = subject.approval;
  if (!approval?.decidedBy) return `${subject.name} has already been decided.`;
  const verb = approval.rejectReason !== undefined || subject.rejected ? 'rejected' : 'approved';
  const when = approval.decidedAt !== undefined ? ` at ${formatTime(approval.decidedAt)}` : '';
  return `${subject.name} was already ${verb} by ${mention(approval.decidedBy)}${when}.`;
}

export function cancelRefusal(requestId: string, result: CancelFailure): string {
  return refusedCancel(requestSubject(requestId, result.request), result.reason);
}

export function batchCancelRefusal(batchId: string, result: BatchCancelFailure): string {
  return refusedCancel(batchSubject(batchId, result.batch), result.reason);
}

function refusedCancel(subject: Subject, reason: CancelFailure['reason']): string {
  switch (reason) {
    case 'notFound':
      return `I cannot find ${subject.name.toLowerCase()}.`;
    case 'notAllowed':
      return `Only the requester or an approver can cancel ${subject.name.toLowerCase()}.`;
    case 'alreadyFinished':
      return `${subject.name} has already finished (${subject.status ?? 'unknown status'}); there is nothing to cancel.`;
  }
}
