/**
 * The local Slack: a Web API the bot's real WebClient talks to (`clientOptions.slackApiUrl =
 * standIn.apiUrl`), and a driver that plays the people, sending signed requests to the bot's
 * `/slack/events` or, started with `socketMode: true`, envelopes over the Socket Mode
 * connections the bot opens with its app token. Product code never imports this; only tests and
 * the local demo do.
 */
import { createLogger, type Logger, registerSecret } from '../../observability/logger.ts';
import { SLACK_ACK_TIMEOUT_MS } from './app-delivery.ts';
import { ApiCallLog, type CallLog } from './call-log.ts';
import type { ChangeListener, WaitOptions } from './change-feed.ts';
import { createDriver, type SlackDriver } from './driver.ts';
import { FaultPlan, type Faults } from './faults.ts';
import { LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from './local-credentials.ts';
import { RateLimits } from './rate-limits/rate-limits.ts';
import { RequestUrlDelivery } from './request-url-delivery.ts';
import { ResponseUrls } from './response-urls.ts';
import { type RouteHandler, startServer } from './server.ts';
import type { Clock } from './slack-ids.ts';
import { readerOf, SlackState, type SlackStateReader } from './slack-state.ts';
import { createSocketMode, type SocketModeControl } from './socket-mode/socket-mode.ts';
import { createWebApi } from './web-api/web-api.ts';
import { defaultSlackWorld, type SlackWorld } from './world.ts';

export interface SlackStandInOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default LOCAL_SIGNING_SECRET; the bot must be configured with the same. */
  signingSecret?: string;
  /** The only token the Web API accepts. Default LOCAL_BOT_TOKEN. */
  botToken?: string;
  /** The bot's Request URL, e.g. `http://127.0.0.1:3000/slack/events`; can be set later. */
  eventsUrl?: string;
  /** Deliver over Socket Mode (the app connects with its app token) instead of to the Request URL. */
  socketMode?: boolean;
  /** The app-level token apps.connections.open accepts in Socket Mode. Default LOCAL_APP_TOKEN. */
  appToken?: string;
  /** Parts of the workspace replacing the default world's. */
  world?: Partial<SlackWorld>;
  /** Epoch ms; drives trigger_id expiry, response URL lifetime and message timestamps. */
  clock?: Clock;
  /** How long the driver waits for the bot's answer; default Slack's 3000 ms. */
  ackTimeoutMs?: number;
  /** Slack's published rate limits, answered with 429 and Retry-After; default on. */
  rateLimits?: boolean;
  logger?: Logger;
}

export interface SlackStandIn {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/api/`, for `slackApiUrl`. */
  apiUrl: string;
  /** HTTP mode only: where the driver sends its requests. */
  setEventsUrl(url: string): void;
  /** Set when started with `socketMode: true`: Slack's side of the app's connections. */
  socketMode?: SocketModeControl;
  state: SlackStateReader;
  driver: SlackDriver;
  faults: Faults;
  /** Switch Slack's rate limits on or off while running (`enabled`). */
  rateLimits: { enabled: boolean };
  calls: CallLog;
  onChange(listener: ChangeListener): () => void;
  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitOptions): Promise<T>;
  /** Serves `prefix` and everything under it with `handler` (the playground mounts its page here). */
  mount(prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const signingSecret = options.signingSecret ?? LOCAL_SIGNING_SECRET;
  const botToken = options.botToken ?? LOCAL_BOT_TOKEN;
  const appToken = options.appToken ?? LOCAL_APP_TOKEN;
  registerSecret(signingSecret);
  registerSecret(botToken);
  registerSecret(appToken);
  const logger = options.logger ?? createLogger('slack-stand-in');
  const state = new SlackState({ ...defaultSlackWorld(), ...options.world }, options.clock ?? Date.now);
  const faults = new FaultPlan();
  const calls = new ApiCallLog();
  const rateLimits = new RateLimits(state.clock, options.rateLimits ?? true);
  let baseUrl = '';
  const responseUrls = new ResponseUrls(state, () => baseUrl);
  const socketMode = options.socketMode
    ? createSocketMode({
        appToken,
        appId: state.world.appId,
        ackTimeoutMs: options.ackTimeoutMs ?? SLACK_ACK_TIMEOUT_MS,
        baseUrl: () => baseUrl,
        logger,
      })
    : undefined;
  const webApi = createWebApi({
    state,
    botToken,
    ...(socketMode ? { appLevel: socketMode.appLevel } : {}),
    faults,
    rateLimits,
    calls,
    onUnexpected: (method, error) => logger.error('web api method failed', { method, error }),
  });
  const server = await startServer(
    { webApi, responseUrls, logger, ...(socketMode ? { upgrade: socketMode.upgrade } : {}) },
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  baseUrl = server.url;
  const requestUrl = new RequestUrlDelivery({
    signingSecret,
    ...(options.eventsUrl === undefined ? {} : { url: options.eventsUrl }),
    ...(options.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: options.ackTimeoutMs }),
  });
  const delivery = socketMode?.delivery ?? requestUrl;
  const driver = createDriver({ state, delivery, responseUrls, signing: 'valid' });
  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    setEventsUrl: (url) => {
      if (socketMode) throw new Error('the Slack stand-in delivers over Socket Mode: there is no events URL');
      requestUrl.setUrl(url);
    },
    ...(socketMode ? { socketMode: socketMode.control } : {}),
    state: readerOf(state),
    driver,
    faults,
    rateLimits,
    calls,
    onChange: (listener) => driver.onChange(listener),
    waitFor: (probe, waitOptions) => driver.waitFor(probe, waitOptions),
    mount: (prefix, handler) => server.mount(prefix, handler),
    close: async () => {
      socketMode?.close();
      await server.close();
    },
  };
}

export type { AppReply } from './app-delivery.ts';
export type { ApiCall, CallLog } from './call-log.ts';
export type { ChangeListener, SlackChange, WaitOptions } from './change-feed.ts';
export type { SlackDriver } from './driver.ts';
export type { FaultSpec, Faults } from './faults.ts';
export type { JsonObject } from './json-values.ts';
export { LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from './local-credentials.ts';
export type {
  InteractionReply,
  MessageClickInput,
  SlashCommandInput,
  UserMessageInput,
} from './message-interactions.ts';
export type { EphemeralMessage, MessageMetadata, SlackMessage } from './message-store.ts';
export type { SigningMode } from './request-signing.ts';
export type { RouteHandler } from './server.ts';
export type { Clock } from './slack-ids.ts';
export type { SlackStateReader } from './slack-state.ts';
export type { DisconnectReason } from './socket-mode/app-socket.ts';
export type { EnvelopeSend, EnvelopeType } from './socket-mode/envelope-dispatch.ts';
export { MAX_CONNECTIONS_PER_APP } from './socket-mode/socket-link.ts';
export type { SocketModeControl } from './socket-mode/socket-mode.ts';
export type {
  CloseViewResult,
  SubmitViewInput,
  SuggestionResult,
  SuggestOptionsInput,
  ViewElementInput,
  ViewValueInput,
  ViewValues,
} from './view-interactions.ts';
export type { InputValue, StateValues } from './view-state-values.ts';
export type { SlackView, StandInView } from './view-store.ts';
export type { SubmissionOutcome, SubmissionResult } from './view-submission.ts';
export type { Conversation } from './workspace-directory.ts';
export {
  DEFAULT_IDS,
  defaultSlackWorld,
  type SlackWorld,
  type SlackWorldChannel,
  type SlackWorldUser,
  type SlackWorldUserGroup,
} from './world.ts';
