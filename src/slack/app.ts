/**
 * Builds the Bolt app: HTTP mode (signed requests on /slack/events, /healthz for probes, /metrics
 * for Prometheus) or Socket Mode when an app token is given, whose own HTTP server serves
 * /healthz and /metrics. It only builds the App, registers the listeners, and starts and stops it.
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CustomRoute, LogLevel, type webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { AlwaysAnsweringApp } from './always-answering-app.ts';
import { boltLogger } from './bolt-logger.ts';
import { GuardedHTTPReceiver } from './guarded-http-receiver.ts';
import { registerListeners } from './listeners/index.ts';
import type { ListenerDeps } from './listeners/listener-deps.ts';
import type { PendingAcks } from './pending-acks.ts';
import { ProbedSocketModeReceiver } from './probed-socket-mode-receiver.ts';
import { singleWorkspaceAuthorize } from './single-workspace-authorize.ts';
import { type SlackBudgetLink, slackClientOptions } from './slack-client.ts';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

export interface SlackAppSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
  /** HTTP mode listens here; Socket Mode serves /healthz and /metrics here. Default 3000, 0: a free port. */
  port?: number;
  host?: string;
}

export interface SlackApp {
  /** Listens (HTTP) or connects (Socket Mode); resolves with the port it serves HTTP on. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 3000;

export interface SlackAppOptions {
  settings: SlackAppSettings;
  /** Client used once to learn the bot's own IDs (auth.test). */
  client: Pick<webApi.WebClient, 'auth'>;
  /** Listeners' calls answer a person: they go first in the Slack budget. */
  budget: SlackBudgetLink;
  deps: ListenerDeps;
  /** HTTP mode: counts the requests waiting for their ack. */
  pendingAcks?: PendingAcks;
  /** Served on /metrics; in HTTP mode it also times every ack. */
  metrics?: SlackAppMetrics;
  logger: Logger;
  logLevel?: LogLevel;
}

/** What the app needs of the bot's metrics (src/observability/metrics.ts). */
export interface SlackAppMetrics {
  scrape(): Promise<{ contentType: string; body: string }>;
  /** HTTP mode: a Slack request arrived and waits for its ack. */
  ackStarted(response: ServerResponse): void;
}

const healthRoute: CustomRoute = {
  path: HEALTH_PATH,
  method: ['GET'],
  handler: (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  },
};

function metricsRoute(metrics: SlackAppMetrics, logger: Logger): CustomRoute {
  return {
    path: METRICS_PATH,
    method: ['GET'],
    handler: (_request, response) => {
      metrics.scrape().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'content-type': contentType });
          response.end(body);
        },
        (error: unknown) => {
          // Gauges read the store: an outage fails the scrape, which Prometheus shows as down.
          logger.warn('metrics scrape failed', { error });
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('metrics unavailable');
        },
      );
    },
  };
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { settings, logger, pendingAcks, metrics } = options;
  const customRoutes = metrics ? [healthRoute, metricsRoute(metrics, logger)] : [healthRoute];
  const watchesAcks = pendingAcks !== undefined || metrics !== undefined;
  const onInteraction = (response: ServerResponse) => {
    pendingAcks?.track(response);
    metrics?.ackStarted(response);
  };
  const level = options.logLevel ?? LogLevel.INFO;
  const common = {
    authorize: singleWorkspaceAuthorize(options.client, settings.botToken, logger),
    clientOptions: slackClientOptions(settings, logger, options.budget, 'person', level),
    logger: boltLogger(logger.child('bolt'), level),
    convoStore: false as const,
  };
  const port = settings.port ?? DEFAULT_PORT;
  const listenOn = settings.host ? { port, host: settings.host } : { port };
  const socketMode = settings.appToken
    ? new ProbedSocketModeReceiver({
        appToken: settings.appToken,
        logger: common.logger,
        // Bolt hands its clientOptions to the receiver it builds itself, not to one passed in; with
        // them apps.connections.open goes to the configured API URL, under the Slack budget.
        installerOptions: { clientOptions: common.clientOptions },
        routes: customRoutes,
        ...listenOn,
      })
    : undefined;
  const app = socketMode
    ? new AlwaysAnsweringApp({ ...common, socketMode: true, receiver: socketMode })
    : new AlwaysAnsweringApp({
        ...common,
        receiver: new GuardedHTTPReceiver({
          signingSecret: settings.signingSecret,
          endpoints: EVENTS_PATH,
          customRoutes,
          logger: common.logger,
          ...(watchesAcks ? { onInteraction } : {}),
        }),
      });
  app.error(async (error) => {
    logger.error('listener failed', { error });
  });
  registerListeners(app, options.deps);
  return {
    async start() {
      if (socketMode) {
        await app.start();
        return { port: socketMode.probePort };
      }
      const server = (await app.start(listenOn)) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    stop: async () => {
      await app.stop();
    },
  };
}
