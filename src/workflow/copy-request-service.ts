/** The workflow's API for the edge (Slack listeners, the CLI): no Slack or SDK types inside. */
import type { CopyParameters, Refusal, Requester } from '../domain/copy-request.ts';
import type { RequestView } from './request-view.ts';

export type SubmitResult = { ok: true; request: RequestView } | { ok: false; refusals: Refusal[] };

export type DecisionResult =
  | { ok: true; request: RequestView }
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
  | { ok: true; request: RequestView }
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
