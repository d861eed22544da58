import type { App } from '@slack/bolt';
import { REJECT_MODAL_CALLBACK_ID, REQUEST_MODAL_CALLBACK_ID } from '../../slack-ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { rejectReasonSubmitted } from './reject-reason-submitted.ts';
import { requestSubmitted } from './request-submitted.ts';

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(REQUEST_MODAL_CALLBACK_ID, requestSubmitted(deps));
  app.view(REJECT_MODAL_CALLBACK_ID, rejectReasonSubmitted(deps));
}
