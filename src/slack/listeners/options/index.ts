import type { App } from '@slack/bolt';
import { REQUEST_FIELD_INPUTS } from '../../slack-ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { sourceSnapshotOptions } from './source-snapshot-options.ts';

export function registerOptions(app: App, deps: ListenerDeps): void {
  app.options(REQUEST_FIELD_INPUTS.sourceSnapshotId.actionId, sourceSnapshotOptions(deps));
}
