/**
 * Builds the Bolt app: HTTP mode (signed requests on /slack/events, /healthz for probes) or
 * Socket Mode when an app token is given. It only builds the App and registers the listeners.
 */
import { type CustomRoute, LogLevel, type webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { AlwaysAnsweringApp } from './always-answering-app.ts';
import { boltLogger } from './bolt-logger.ts';
import { GuardedHTTPReceiver } from './guarded-http-receiver.ts';
import { registerListeners } from './listeners/index.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import type { PendingAcks } from './pending-acks.ts';
import { singleWorkspaceAuthorize } from './single-workspace-authorize.ts';
import { type SlackBudgetLink, slackClientOptions } from './slack-client.ts';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface SlackAppSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
  /** Socket Mode serves /healthz on this port. */
  port?: number;
}

export interface SlackAppOptions {
  settings: SlackAppSettings;
  /** Client used once to learn the bot's own IDs (auth.test). */
  client: Pick<webApi.WebClient, 'auth'>;
  /** Listeners' calls answer a person: they go first in the Slack budget. */
  budget: SlackBudgetLink;
  deps: ListenerDeps;
  /** HTTP mode: counts the requests waiting for their ack. */
  pendingAcks?: PendingAcks;
  logger: Logger;
  logLevel?: LogLevel;
}

const healthRoute: CustomRoute = {
  path: HEALTH_PATH,
  method: ['GET'],
  handler: (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  },
};

export function createSlackApp(options: SlackAppOptions): AlwaysAnsweringApp {
  const { settings, logger, pendingAcks } = options;
  const level = options.logLevel ?? LogLevel.INFO;
  const common = {
    authorize: singleWorkspaceAuthorize(options.client, settings.botToken, logger),
    clientOptions: slackClientOptions(settings, logger, options.budget, 'person', level),
    logger: boltLogger(logger.child('bolt'), level),
    convoStore: false as const,
  };
  const app = settings.appToken
    ? new AlwaysAnsweringApp({
        ...common,
        socketMode: true,
        appToken: settings.appToken,
        customRoutes: [healthRoute],
        installerOptions: { port: settings.port ?? 3000 },
      })
    : new AlwaysAnsweringApp({
        ...common,
        receiver: new GuardedHTTPReceiver({
          signingSecret: settings.signingSecret,
          endpoints: EVENTS_PATH,
          customRoutes: [healthRoute],
          logger: common.logger,
          ...(pendingAcks ? { onInteraction: (response) => pendingAcks.track(response) } : {}),
        }),
      });
  app.error(async (error) => {
    logger.error('listener failed', { error });
  });
  registerListeners(app, options.deps);
  return app;
}
