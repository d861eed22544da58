/**
 * The Web API client settings every Slack client of the bot shares. Every call goes through the
 * one Slack budget (budget/), at the priority of the client that makes it. Retries are the
 * budget's (after a 429) and the notifier's outbox's, not the WebClient's: a listener is better
 * answered quickly with an error than after the WebClient's default half-hour of retries.
 */
import { LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { budgetedFetch } from './budget/budgeted-fetch.ts';
import type { SlackBudget } from './budget/slack-budget.ts';
import type { CallPriority, SlackCallObserver } from './budget/slack-call-observer.ts';

export interface SlackClientSettings {
  botToken: string;
  /** Web API base URL; only set for the local Slack stand-in. */
  apiUrl?: string;
}

export interface SlackBudgetLink {
  budget: SlackBudget;
  observer?: SlackCallObserver;
}

const CALL_TIMEOUT_MS = 10_000;
/**
 * The WebClient's own queue must never hold calls back: it is first come, first served, and
 * would let card updates stand in front of a person's modal. The budget does the waiting.
 */
const UNBOUNDED_CONCURRENCY = 100_000;

export function slackClientOptions(
  settings: SlackClientSettings,
  logger: Logger,
  link: SlackBudgetLink,
  priority: CallPriority,
  level?: LogLevel,
): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    maxRequestConcurrency: UNBOUNDED_CONCURRENCY,
    // The send timeout is the budget's: the client's would start while the call waits its turn.
    timeout: 0,
    fetch: budgetedFetch({ ...link, priority, sendTimeoutMs: CALL_TIMEOUT_MS }),
    // A shed progress call surfaces in the WebClient as a failed request; the outbox handles it.
    logger: boltLogger(logger, priority === 'progress' ? LogLevel.ERROR : level),
  };
}

export type SlackClients = Record<CallPriority, webApi.WebClient>;

/** One client per priority, all spending the one budget. */
export function createSlackClients(
  settings: SlackClientSettings,
  logger: Logger,
  link: SlackBudgetLink,
  level?: LogLevel,
): SlackClients {
  const client = (priority: CallPriority) =>
    new webApi.WebClient(settings.botToken, slackClientOptions(settings, logger, link, priority, level));
  return {
    person: client('person'),
    decision: client('decision'),
    status: client('status'),
    progress: client('progress'),
  };
}
