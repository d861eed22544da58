import type { App } from '@slack/bolt';
import { SNAPCOPY_COMMAND } from '../../slack-ids.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { snapcopyCommand } from './snapcopy-command.ts';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(SNAPCOPY_COMMAND, snapcopyCommand(deps));
}
