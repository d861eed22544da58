/** One user-facing sentence for each way a decision or a cancel can be refused. */
import type { CancelResult, DecisionResult } from '../workflow/copy-request-service.ts';
import type { RequestView } from '../workflow/request-view.ts';
import { formatTime, statusLabel } from './blocks/request-text.ts';
import { mention } from './blocks/slack-text.ts';

type DecisionFailure = Extract<DecisionResult, { ok: false }>;
type CancelFailure = Extract<CancelResult, { ok: false }>;

export function decisionRefusal(requestId: string, result: DecisionFailure): string {
  switch (result.reason) {
    case 'notFound':
      return `I cannot find request ${requestId}.`;
    case 'notAllowed':
      return 'Only approvers can approve or reject snapcopy requests.';
    case 'selfApproval':
      return 'You cannot approve or reject your own request: another approver has to decide.';
    case 'alreadyDecided':
      return alreadyDecided(requestId, result.request);
    case 'notAwaitingApproval':
      return `Request ${requestId} is not waiting for approval any more (${describeStatus(result.request)}).`;
    case 'reasonRequired':
      return 'Say why you reject the request: the requester sees the reason.';
  }
}

function alreadyDecided(requestId: string, request: RequestView | undefined): string {
  const approval = request?.approval;
  if (!approval?.decidedBy) return `Request ${requestId} has already been decided.`;
  const verb =
    approval.rejectReason !== undefined || request?.status === 'rejected' ? 'rejected' : 'approved';
  const when = approval.decidedAt !== undefined ? ` at ${formatTime(approval.decidedAt)}` : '';
  return `Request ${requestId} was already ${verb} by ${mention(approval.decidedBy)}${when}.`;
}

export function cancelRefusal(requestId: string, result: CancelFailure): string {
  switch (result.reason) {
    case 'notFound':
      return `I cannot find request ${requestId}.`;
    case 'notAllowed':
      return `Only the requester or an approver can cancel request ${requestId}.`;
    case 'alreadyFinished':
      return `Request ${requestId} has already finished (${describeStatus(result.request)}); there is nothing to cancel.`;
  }
}

function describeStatus(request: RequestView | undefined): string {
  return request
    ? statusLabel(request.status)
        .replace(/^:[a-z_]+: /, '')
        .toLowerCase()
    : 'unknown status';
}
