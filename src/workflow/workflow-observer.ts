/**
 * What the runtime tells the rest of the bot about requests as they move, so metrics can count
 * transitions, decisions and copy durations without the workflow knowing how they are exported.
 */
import type { RequestStatus, RequestView } from './request-view.ts';

export interface StatusChange {
  /** The status the store held before this write. */
  from: RequestStatus;
  /** The request as just written. */
  request: RequestView;
}

export interface WorkflowObserver {
  /**
   * A request's status changed in the store. Reported per write, so a status the request passed
   * through between two writes (validating, often) is not seen.
   */
  moved(change: StatusChange): void;
}

export const NO_WORKFLOW_OBSERVER: WorkflowObserver = { moved() {} };
