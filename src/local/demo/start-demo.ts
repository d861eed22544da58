/**
 * The whole flow on one machine: the Alibaba Cloud stand-in (its default world, clock sped up so a
 * copy takes tens of seconds), the Slack stand-in with the browser playground, and the real bot
 * (createBot) wired to both — signed requests from the Slack stand-in to the bot's /slack/events
 * (or, with `socketMode`, envelopes over the Socket Mode connection the bot opens), the bot's
 * WebClient to the stand-in's /api/, the SDK clients to the cloud stand-in — with its store in an
 * SQLite file. The demo command and the browser tests share it.
 */
import { rm } from 'node:fs/promises';
import { createBot } from '../../app/create-bot.ts';
import type { BotConfig } from '../../config/bot-config.ts';
import { createLogger, type Logger, type LogLevel } from '../../observability/logger.ts';
import { type AlibabaStandIn, startAlibabaStandIn } from '../alibaba/index.ts';
import {
  DEFAULT_IDS,
  LOCAL_APP_TOKEN,
  LOCAL_BOT_TOKEN,
  LOCAL_SIGNING_SECRET,
  type SlackStandIn,
  startSlackStandIn,
} from '../slack/index.ts';
import { cloudPanelSource } from '../slack/playground/cloud-state.ts';
import { mountPlayground } from '../slack/playground/playground.ts';

export interface DemoOptions {
  /** Port of the playground (the Slack stand-in); 0 picks a free one. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How much faster than real time the cloud runs. Default 2 (see DemoArguments.speed). */
  speed?: number;
  /** Slack's published rate limits in the Slack stand-in. Default on. */
  rateLimits?: boolean;
  /** The bot runs in Socket Mode against the Slack stand-in. Default off (HTTP). */
  socketMode?: boolean;
  /**
   * The bot's SQLite file. Default `var/demo-<port>.sqlite`. It is emptied at start: the stand-ins
   * start from their seed worlds every time, so requests kept from an earlier run would point at
   * snapshots and messages that no longer exist.
   */
  storeFile?: string;
  /** Default 'warn', so the terminal shows the URL and problems only. */
  logLevel?: LogLevel;
  logger?: Logger;
}

export interface Demo {
  /** The playground page. */
  url: string;
  slack: SlackStandIn;
  alibaba: AlibabaStandIn;
  /** Stops the bot, then the playground and both stand-ins. */
  close(): Promise<void>;
}

/** The people of the local workspace as the user switcher lists them. */
export const DEMO_ROLES: Record<string, string> = {
  [DEFAULT_IDS.requester]: 'requester',
  [DEFAULT_IDS.approver]: 'approver',
  [DEFAULT_IDS.secondApprover]: 'approver',
  [DEFAULT_IDS.bystander]: 'bystander',
};

const DAY_MS = 86_400_000;

export class DemoPortInUseError extends Error {
  override name = 'DemoPortInUseError';
  constructor(port: number) {
    super(`port ${port} is already in use — is another demo running? use --port to pick another`);
  }
}

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

function demoBotConfig(
  slack: SlackStandIn,
  alibaba: AlibabaStandIn,
  storeFile: string,
  logLevel: LogLevel,
  socketMode: boolean,
): BotConfig {
  return {
    slack: {
      botToken: LOCAL_BOT_TOKEN,
      signingSecret: LOCAL_SIGNING_SECRET,
      ...(socketMode ? { appToken: LOCAL_APP_TOKEN } : {}),
      apiUrl: slack.apiUrl,
      port: 0,
      host: '127.0.0.1',
    },
    approval: {
      approverUserIds: [DEFAULT_IDS.approver, DEFAULT_IDS.secondApprover],
      channelId: DEFAULT_IDS.approvalsChannel,
      ttlMs: DAY_MS,
    },
    storeUrl: `sqlite:${storeFile}`,
    archiveRetentionMs: 7 * DAY_MS,
    logLevel,
    alibaba: {
      credential: alibaba.credentials,
      ecsEndpoint: alibaba.endpoint,
      kmsEndpoint: alibaba.endpoint,
      protocol: 'http',
    },
    regions: [],
    // Poll and redraw often: progress should move visibly in the playground.
    polling: { minIntervalMs: 1_000, maxIntervalMs: 2_000 },
    cardUpdateMinIntervalMs: 1_000,
    slackBudgetPercent: 100,
  };
}

async function removeStoreFile(file: string): Promise<void> {
  await Promise.all(
    ['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${file}${suffix}`, { force: true })),
  );
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const logLevel = options.logLevel ?? 'warn';
  const logger = options.logger ?? createLogger('demo', { level: logLevel });
  const port = options.port ?? 0;
  const socketMode = options.socketMode ?? false;
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) {
      try {
        await closer();
      } catch (error) {
        logger.warn('part of the demo did not stop cleanly', { error });
      }
    }
  };

  try {
    // The playground's port first: a busy port should fail before anything else starts.
    const slack = await startSlackStandIn({
      port,
      host: options.host ?? '127.0.0.1',
      rateLimits: options.rateLimits ?? true,
      socketMode,
      logger: logger.child('slack-stand-in'),
    }).catch((error: unknown) => {
      throw isAddressInUse(error) ? new DemoPortInUseError(port) : error;
    });
    closers.push(() => slack.close());
    const alibaba = await startAlibabaStandIn({ clockSpeed: options.speed ?? 2 });
    closers.push(() => alibaba.close());

    const storeFile = options.storeFile ?? `var/demo-${new URL(slack.url).port}.sqlite`;
    await removeStoreFile(storeFile);
    const bot = createBot(demoBotConfig(slack, alibaba, storeFile, logLevel, socketMode), {
      logger: logger.child('bot'),
    });
    closers.push(() => bot.stop());
    const running = await bot.start();
    if (running.eventsUrl) slack.setEventsUrl(running.eventsUrl);

    const playground = await mountPlayground(slack, {
      cloud: cloudPanelSource(alibaba.url),
      roles: DEMO_ROLES,
      logger: logger.child('playground'),
    });
    // Closed right after the bot, so the page's event streams end before the server they run on.
    closers.splice(closers.length - 1, 0, () => playground.close());
    return { url: playground.url, slack, alibaba, close };
  } catch (error) {
    await close();
    throw error;
  }
}
