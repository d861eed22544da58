/**
 * The composition root: the only place that knows every part. It turns a BotConfig into a
 * running bot (cloud gateway, store, price table, Slack clients, notifier, approver directory,
 * workflow runtime, Bolt app) and stops it in the reverse order. The local demo and the tests
 * call it with endpoints and secrets in code, and may hand in parts of their own.
 */
import { LogLevel } from '@slack/bolt';
import { createAlibabaGateway } from '../cloud/alibaba/index.ts';
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import { type BotConfig, registerConfigSecrets } from '../config/bot-config.ts';
import { loadPriceTable, type PriceTable } from '../domain/price-table.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { createBotMetrics } from '../observability/metrics.ts';
import { createSlackApp, EVENTS_PATH } from '../slack/app.ts';
import { createSlackBudget, type SlackBudget } from '../slack/budget/slack-budget.ts';
import { createCloudCatalog } from '../slack/cloud-catalog.ts';
import { createModalUpdates } from '../slack/modal-updates.ts';
import { createPendingAcks } from '../slack/pending-acks.ts';
import { createSlackReconciliationReporter } from '../slack/reconciliation-reporter.ts';
import { createSlackApproverDirectory } from '../slack/slack-approver-directory.ts';
import { createSlackClients } from '../slack/slack-client.ts';
import { createSlackNotifier } from '../slack/slack-notifier.ts';
import { createStore } from '../store/index.ts';
import type { Store } from '../store/store.ts';
import { type Clock, systemClock } from '../workflow/clock.ts';
import type { CopyRequestService } from '../workflow/copy-request-service.ts';
import { backgroundGateway, NO_FOREGROUND } from '../workflow/foreground-activity.ts';
import { runReconciliation } from '../workflow/reconciliation-run.ts';
import { startReconciliationSchedule } from '../workflow/reconciliation-schedule.ts';
import { createCopyRequestRuntime, type RuntimeSettings } from '../workflow/runtime.ts';

export interface BotOverrides {
  gateway?: CloudGateway;
  /** A store the caller opened; the bot does not close it. */
  store?: Store;
  prices?: PriceTable;
  logger?: Logger;
  clock?: Clock;
  /** Runtime settings beyond what BotConfig carries (e.g. shorter intervals in tests). */
  runtimeSettings?: Partial<RuntimeSettings>;
  /** Time a modal submission may spend checking against the cloud before answering Slack. */
  submitCheckBudgetMs?: number;
  /** Time the snapshot picker may spend searching before answering Slack. */
  optionsBudgetMs?: number;
  /** The Slack budget every Web API call goes through (e.g. other rates for a benchmark's set-up). */
  slackBudget?: SlackBudget;
}

export interface RunningBot {
  /** The port the bot serves HTTP on: Slack's requests, or in Socket Mode /healthz and /metrics. */
  port: number;
  /** HTTP mode: where Slack (or the local stand-in) sends requests. */
  eventsUrl?: string;
  service: CopyRequestService;
}

export interface Bot {
  start(): Promise<RunningBot>;
  stop(): Promise<void>;
}

/** Slack waits 3 s for every answer; these leave room for the round trips around the work. */
const SUBMIT_CHECK_BUDGET_MS = 2_000;
const OPTIONS_BUDGET_MS = 2_300;
/** Background work goes on once no ack has been due for this long, or after the bound at the latest. */
const BACKGROUND_QUIET_MS = 25;
/** A burst of 200 acks takes about 0.2 s on two cores; the bound keeps copies moving under any load. */
const BACKGROUND_MAX_WAIT_MS = 1_000;

/** The replica label of a bot that is the store's only user (no SNAPCOPY_REPLICA_ID). */
const SOLE_REPLICA = 'sole';

const BOLT_LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

export function createBot(config: BotConfig, overrides: BotOverrides = {}): Bot {
  registerConfigSecrets(config);
  const logger = overrides.logger ?? createLogger('snapcopy', { level: config.logLevel });
  const stops: Array<() => Promise<unknown>> = [];

  async function stop(): Promise<void> {
    for (const stopPart of stops.splice(0).reverse()) {
      try {
        await stopPart();
      } catch (error) {
        logger.warn('part of the bot did not stop cleanly', { error });
      }
    }
  }

  async function start(): Promise<RunningBot> {
    try {
      return await startParts();
    } catch (error) {
      await stop();
      throw error;
    }
  }

  async function startParts(): Promise<RunningBot> {
    const prices =
      overrides.prices ??
      loadPriceTable({
        ...(config.priceTableFile ? { file: config.priceTableFile } : {}),
        env: config.priceTableJson ? { SNAPCOPY_PRICE_TABLE_JSON: config.priceTableJson } : {},
      });
    const metrics = createBotMetrics({ replica: config.replica?.replicaId ?? SOLE_REPLICA });
    const gateway =
      overrides.gateway ??
      createAlibabaGateway({
        ...config.alibaba,
        logger: logger.child('cloud'),
        observer: metrics.cloudCalls,
      });
    let store = overrides.store;
    if (!store) {
      const opened = await createStore(config.storeUrl, { logger: logger.child('store') });
      stops.push(() => opened.close());
      store = opened;
    }

    const slackLogger = logger.child('slack');
    // One budget for every Slack call of the process; stopped last, after everything that calls.
    const budget = {
      budget:
        overrides.slackBudget ??
        createSlackBudget({ percent: config.slackBudgetPercent, observer: metrics.slackCalls }),
      observer: metrics.slackCalls,
    };
    stops.push(async () => budget.budget.stop());
    const clients = createSlackClients(config.slack, slackLogger, budget, BOLT_LEVELS[config.logLevel]);
    // Socket Mode acks over its WebSocket; only the HTTP receiver can see who waits.
    const pendingAcks = config.slack.appToken
      ? undefined
      : createPendingAcks({ quietMs: BACKGROUND_QUIET_MS, maxWaitMs: BACKGROUND_MAX_WAIT_MS });
    const foreground = pendingAcks ?? NO_FOREGROUND;
    const runtime = createCopyRequestRuntime({
      store,
      foreground,
      gateway,
      prices,
      notifier: createSlackNotifier({
        clients,
        approvalsChannelId: config.approval.channelId,
        logger: slackLogger,
      }),
      approvers: createSlackApproverDirectory({
        client: clients.person,
        userIds: config.approval.approverUserIds,
        ...(config.approval.approverGroupId ? { groupId: config.approval.approverGroupId } : {}),
        logger: slackLogger,
      }),
      logger: logger.child('workflow'),
      ...(overrides.clock ? { clock: overrides.clock } : {}),
      ...(config.replica ? { replica: config.replica } : {}),
      observer: metrics.workflow,
      settings: {
        approvalTtlMs: config.approval.ttlMs,
        archiveRetentionMs: config.archiveRetentionMs,
        pollMinIntervalMs: config.polling.minIntervalMs,
        pollMaxIntervalMs: config.polling.maxIntervalMs,
        cardUpdateMinIntervalMs: config.cardUpdateMinIntervalMs,
        ...(config.maxCopiesPerRegion ? { maxCopiesPerRegion: config.maxCopiesPerRegion } : {}),
        ...overrides.runtimeSettings,
      },
    });
    await runtime.start();
    stops.push(() => runtime.stop());
    metrics.watch(runtime);
    if (config.reconcileIntervalMs !== undefined) {
      const schedule = startReconciliationSchedule({
        intervalMs: config.reconcileIntervalMs,
        isLeading: () => runtime.isLeading(),
        reconcile: () =>
          runReconciliation({
            store,
            gateway: backgroundGateway(gateway, foreground),
            clock: overrides.clock ?? systemClock,
            archiveRetentionMs: config.archiveRetentionMs,
            regionIds: config.regions,
          }),
        reporter: createSlackReconciliationReporter(clients.status, config.approval.channelId),
        logger: logger.child('reconcile'),
      });
      stops.push(() => schedule.stop());
    }

    const app = createSlackApp({
      settings: config.slack,
      client: clients.person,
      budget,
      ...(pendingAcks ? { pendingAcks } : {}),
      metrics,
      logger: slackLogger,
      logLevel: BOLT_LEVELS[config.logLevel],
      deps: {
        service: runtime.service,
        batches: runtime.batches,
        catalog: createCloudCatalog({ gateway, allowedRegions: config.regions }),
        modalUpdates: createModalUpdates(slackLogger),
        logger: slackLogger,
        submitCheckBudgetMs: overrides.submitCheckBudgetMs ?? SUBMIT_CHECK_BUDGET_MS,
        optionsBudgetMs: overrides.optionsBudgetMs ?? OPTIONS_BUDGET_MS,
        foreground,
      },
    });
    const { port } = await app.start();
    stops.push(() => app.stop());
    if (config.slack.appToken) {
      logger.info('snapcopy is running in Socket Mode', { port });
      return { port, service: runtime.service };
    }
    const host = config.slack.host;
    const eventsUrl = `http://${host && host !== '0.0.0.0' ? host : '127.0.0.1'}:${port}${EVENTS_PATH}`;
    logger.info('snapcopy is listening', { port, eventsUrl });
    return { port, eventsUrl, service: runtime.service };
  }

  return { start, stop };
}
