/**
 * The Web API client settings every Slack client of the bot shares. Retries are off: the
 * notifier's outbox retries (honouring Retry-After), and a listener is better answered quickly
 * with an error than after the WebClient's default half-hour of retries.
 */
import { type LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { boltLogger } from './bolt-logger.ts';

export interface SlackClientSettings {
  botToken: string;
  /** Web API base URL; only set for the local Slack stand-in. */
  apiUrl?: string;
}

const CALL_TIMEOUT_MS = 10_000;

export function slackClientOptions(
  settings: SlackClientSettings,
  logger: Logger,
  level?: LogLevel,
): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: CALL_TIMEOUT_MS,
    logger: boltLogger(logger, level),
  };
}

export function createSlackClient(
  settings: SlackClientSettings,
  logger: Logger,
  level?: LogLevel,
): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, slackClientOptions(settings, logger, level));
}
