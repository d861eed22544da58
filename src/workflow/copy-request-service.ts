/** The workflow's API for the edge (Slack listeners, the CLI): no Slack or SDK types inside. */
import type { CopyParameters, Refusal, Requester } from '../domain/copy-request.ts';
import type { RequestView } from './request-view.ts';

/**
 * `pending`: taken by a replica that does not run the requests and recorded for the one that
 * does, which had not applied it within the wait. It will be applied shortly (and may still be
 * refused then, e.g. when another approver decided first); `request` is the state before it.
 */
export type AcceptedResult = { ok: true; request: RequestView; pending?: true };

export type SubmitResult = AcceptedResult | { ok: false; refusals: Refusal[] };

export type DecisionResult =
  | AcceptedResult
  | {
      ok: false;
      reason:
        | 'notFound'
        | 'notAllowed'
        | 'selfApproval'
        | 'alreadyDecided'
        | 'notAwaitingApproval'
        | 'reasonRequired';
      request?: RequestView;
    };

export type CancelResult =
  | AcceptedResult
  | { ok: false; reason: 'notFound' | 'notAllowed' | 'alreadyFinished'; request?: RequestView };

export interface CopyRequestService {
  /** Every refusal of SPEC §2 that can be known now, checked against the cloud; nothing is changed. */
  check(parameters: CopyParameters): Promise<Refusal[]>;
  /** submissionId (e.g. the modal's view ID) makes a repeated submit return the same request. */
  submit(parameters: CopyParameters, requester: Requester, submissionId: string): Promise<SubmitResult>;
  approve(requestId: string, approverUserId: string): Promise<DecisionResult>;
  reject(requestId: string, approverUserId: string, reason: string): Promise<DecisionResult>;
  cancel(requestId: string, userId: string): Promise<CancelResult>;
  get(requestId: string): Promise<RequestView | undefined>;
  listByRequester(userId: string): Promise<RequestView[]>;
  listAwaitingApproval(approverUserId: string): Promise<RequestView[]>;
  isApprover(userId: string): Promise<boolean>;
}
