import type { App } from '@slack/bolt';
import {
  APPROVE_ACTION_ID,
  CANCEL_ACTION_ID,
  REJECT_ACTION_ID,
  REQUEST_FIELD_INPUTS,
} from '../../slack-ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { approveRequest } from './approve-request.ts';
import { cancelRequest } from './cancel-request.ts';
import { rejectRequest } from './reject-request.ts';
import { requestModalChanged } from './request-modal-changed.ts';

/** The modal inputs that re-render the modal when they change. */
const DISPATCHING_FIELDS = ['sourceRegionId', 'sourceSnapshotId', 'destinationRegionId', 'copyType'] as const;

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(APPROVE_ACTION_ID, approveRequest(deps));
  app.action(REJECT_ACTION_ID, rejectRequest(deps));
  app.action(CANCEL_ACTION_ID, cancelRequest(deps));
  for (const field of DISPATCHING_FIELDS) {
    app.action(REQUEST_FIELD_INPUTS[field].actionId, requestModalChanged(deps));
  }
}
