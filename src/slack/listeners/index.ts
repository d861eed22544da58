/** Registers every listener; one folder per Slack surface, one file per callback. */
import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import { registerEvents } from './events/index.ts';
import type { ListenerDeps } from './listener-deps.ts';
import { registerOptions } from './options/index.ts';
import { registerViews } from './views/index.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerOptions(app, deps);
  registerEvents(app, deps);
}
