/**
 * Shared setup for the Slack stand-in tests: the stand-in, the real WebClient pointed at it, and a
 * real Bolt app on a free port receiving what the driver sends.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  DEFAULT_IDS,
  LOCAL_APP_TOKEN,
  LOCAL_BOT_TOKEN,
  LOCAL_SIGNING_SECRET,
  type SlackStandIn,
  type SlackStandInOptions,
  startSlackStandIn,
} from '../../../src/local/slack/index.ts';
import { createLogger } from '../../../src/observability/logger.ts';
import { type Received, registerSampleApp } from './sample-app.ts';

export { DEFAULT_IDS as ids };

/** A clock the test moves by hand, so expiry is tested without waiting. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function webClient(standIn: SlackStandIn, options: WebClientOptions = {}, token = LOCAL_BOT_TOKEN) {
  return new WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    // Slack's limits are on: like any app, the client waits out a 429's Retry-After and tries again.
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

export async function startWithClient(options: SlackStandInOptions = {}) {
  const standIn = await startSlackStandIn({
    logger: createLogger('slack-stand-in', { level: 'error' }),
    ...options,
  });
  return { standIn, client: webClient(standIn) };
}

/** The call must fail as Slack answers `{ ok: false, error }`. */
export async function expectSlackError(call: Promise<unknown>, error: string): Promise<WebAPIPlatformError> {
  const failure: unknown = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(failure).toBeInstanceOf(WebAPIPlatformError);
  const platformError = failure as WebAPIPlatformError;
  expect(platformError.data.error).toBe(error);
  return platformError;
}

export interface BoltHarness {
  app: App;
  stop(): Promise<void>;
}

const boltAppOptions = (standIn: SlackStandIn) => ({
  token: LOCAL_BOT_TOKEN,
  botId: DEFAULT_IDS.bot,
  botUserId: DEFAULT_IDS.botUser,
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
});

/** A real Bolt app, listeners added by `register`, wired both ways to the stand-in. */
export async function startBoltApp(
  standIn: SlackStandIn,
  register: (app: App) => void,
): Promise<BoltHarness> {
  const app = new App({ ...boltAppOptions(standIn), signingSecret: LOCAL_SIGNING_SECRET });
  register(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  standIn.setEventsUrl(`http://127.0.0.1:${port}/slack/events`);
  return { app, stop: () => app.stop() as Promise<void> };
}

/**
 * Bolt's SocketModeReceiver waits its client ping timeout before each reconnect (5 s by default);
 * a shorter one keeps the reconnect tests short.
 */
const RECONNECT_DELAY_MS = 1_000;

/** A real Bolt app in Socket Mode: it opens its connection to the stand-in with the app token. */
export async function startSocketModeBoltApp(
  standIn: SlackStandIn,
  register: (app: App) => void,
): Promise<BoltHarness> {
  const options = boltAppOptions(standIn);
  const receiver = new SocketModeReceiver({
    appToken: LOCAL_APP_TOKEN,
    logLevel: LogLevel.ERROR,
    clientPingTimeout: RECONNECT_DELAY_MS,
    installerOptions: { clientOptions: options.clientOptions },
  });
  const app = new App({ ...options, receiver });
  register(app);
  await app.start();
  return { app, stop: () => app.stop() as Promise<void> };
}

export interface SampleAppFixture {
  standIn: SlackStandIn;
  received: Received;
}

/**
 * One stand-in and one sample Bolt app for the whole test file (started in beforeAll, closed in
 * afterAll); read the fields inside tests.
 */
export function useSampleApp(): SampleAppFixture {
  const fixture = {} as SampleAppFixture & { bolt: BoltHarness };
  beforeAll(async () => {
    fixture.standIn = await startSlackStandIn({ logger: createLogger('slack-stand-in', { level: 'error' }) });
    fixture.bolt = await startBoltApp(fixture.standIn, (app) => {
      fixture.received = registerSampleApp(app);
    });
  });
  afterAll(async () => {
    await fixture.bolt.stop();
    await fixture.standIn.close();
  });
  return fixture;
}
