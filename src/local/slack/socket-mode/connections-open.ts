/**
 * `apps.connections.open`: the one Web API method that takes the app-level token instead of the
 * bot's. It answers a single-use WebSocket URL on the stand-in's own port, shaped like Slack's
 * `wss://wss-primary.slack.com/link/?ticket=…&app_id=…`.
 */
import type { MethodTable } from '../web-api/web-api-method.ts';
import type { ConnectionTickets } from './connection-tickets.ts';

export const LINK_PATH = '/link/';

export function appLevelMethods(tickets: ConnectionTickets, baseUrl: () => string): MethodTable {
  return {
    'apps.connections.open': (_args, { world }) => {
      const url = new URL(LINK_PATH, baseUrl());
      url.protocol = 'ws:';
      url.searchParams.set('ticket', tickets.issue());
      url.searchParams.set('app_id', world.appId);
      return { url: url.toString() };
    },
  };
}
