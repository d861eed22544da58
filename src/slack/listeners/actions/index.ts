import type { App } from '@slack/bolt';
import {
  APPROVE_ACTION_ID,
  APPROVE_BATCH_ACTION_ID,
  CANCEL_ACTION_ID,
  CANCEL_BATCH_ACTION_ID,
  COPY_MODE_INPUT,
  REJECT_ACTION_ID,
  REJECT_BATCH_ACTION_ID,
  REQUEST_FIELD_INPUTS,
  SELECTOR_INPUTS,
} from '../../slack-ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { approveBatch } from './approve-batch.ts';
import { approveRequest } from './approve-request.ts';
import { cancelBatch } from './cancel-batch.ts';
import { cancelRequest } from './cancel-request.ts';
import { rejectBatch } from './reject-batch.ts';
import { rejectRequest } from './reject-request.ts';
import { requestModalChanged } from './request-modal-changed.ts';

/** The modal inputs that re-render the modal when they change. */
const DISPATCHING_FIELDS = ['sourceRegionId', 'sourceSnapshotId', 'destinationRegionId', 'copyType'] as const;

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action(APPROVE_ACTION_ID, approveRequest(deps));
  app.action(REJECT_ACTION_ID, rejectRequest(deps));
  app.action(CANCEL_ACTION_ID, cancelRequest(deps));
  app.action(APPROVE_BATCH_ACTION_ID, approveBatch(deps));
  app.action(REJECT_BATCH_ACTION_ID, rejectBatch(deps));
  app.action(CANCEL_BATCH_ACTION_ID, cancelBatch(deps));
  for (const field of DISPATCHING_FIELDS) {
    app.action(REQUEST_FIELD_INPUTS[field].actionId, requestModalChanged(deps));
  }
  for (const input of [COPY_MODE_INPUT, ...Object.values(SELECTOR_INPUTS)]) {
    app.action(input.actionId, requestModalChanged(deps));
  }
}
