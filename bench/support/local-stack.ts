/**
 * The whole bot as it runs in production, on one machine: the Alibaba and Slack stand-ins on
 * 127.0.0.1, and the real bot (createBot) wired to both over HTTP with its store in an SQLite file
 * in a temp directory. A benchmark may start several bots, one after the other, on the same store
 * (a restart), in this process or in a child process (`botEnvironment` is the child's environment).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotOverrides, createBot, type RunningBot } from '../../src/app/create-bot.ts';
import { type BotConfig, loadConfig } from '../../src/config/bot-config.ts';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import { DEFAULT_IDS, type SlackStandIn, startSlackStandIn } from '../../src/local/slack/index.ts';
import { standInEnvironment } from '../../src/local/stand-in-environment.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { type BenchCloudOptions, benchSlackWorld, writeBenchCloudWorld } from './bench-world.ts';

export interface LocalStackOptions {
  cloud: BenchCloudOptions;
  /** Simulated cloud seconds per real second. */
  clockSpeed: number;
  /** Extra members of #ops who can type commands. */
  slackPeople?: number;
  /** How long the Slack stand-in waits for an ack before giving up (Slack: 3 s). */
  ackTimeoutMs?: number;
  /** Settings as environment variables, for every bot started on this stack. */
  env?: Record<string, string>;
  /** Slack's published rate limits in the Slack stand-in; default on. */
  rateLimits?: boolean;
}

export interface LocalBot {
  running: RunningBot;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  overrides?: Omit<BotOverrides, 'logger'>;
  /** Settings for this bot only, as environment variables (e.g. another store). */
  env?: Record<string, string>;
  /** Sees every log line the bot writes (JSON), e.g. to learn when it has restored its requests. */
  onLogLine?: (line: string) => void;
}

export interface LocalStack {
  dir: string;
  slack: SlackStandIn;
  cloud: AlibabaStandIn;
  storePath: string;
  /** What `snapcopy bot` needs in its environment to run against this stack. */
  botEnvironment(env?: Record<string, string>): Record<string, string>;
  botConfig(env?: Record<string, string>): BotConfig;
  startBot(options?: StartBotOptions): Promise<LocalBot>;
  close(): Promise<void>;
}

const ids = DEFAULT_IDS;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dir = mkdtempSync(join(tmpdir(), 'snapcopy-bench-'));
  const quiet = createLogger('stand-in', { level: 'error' });
  const slack = await startSlackStandIn({
    logger: quiet,
    world: benchSlackWorld(options.slackPeople ?? 0),
    rateLimits: options.rateLimits ?? true,
    ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
  });
  const cloud = await startAlibabaStandIn({
    worldFile: writeBenchCloudWorld(dir, options.cloud),
    clockSpeed: options.clockSpeed,
  });
  const storePath = join(dir, 'snapcopy.sqlite');

  const botEnvironment = (env: Record<string, string> = {}): Record<string, string> => ({
    ...standInEnvironment(slack, cloud),
    SNAPCOPY_APPROVERS: `${ids.approver},${ids.secondApprover}`,
    SNAPCOPY_APPROVALS_CHANNEL: ids.approvalsChannel,
    SNAPCOPY_STORE_URL: `sqlite:${storePath}`,
    SNAPCOPY_LOG_LEVEL: 'info',
    ...options.env,
    ...env,
  });

  const botConfig = (env?: Record<string, string>) => loadConfig(botEnvironment(env));

  async function startBot(startOptions: StartBotOptions = {}): Promise<LocalBot> {
    // Logged at info as in production; only errors reach the terminal, so figures stay readable.
    const logger = createLogger('snapcopy', {
      level: 'info',
      write: (line) => {
        startOptions.onLogLine?.(line);
        if (line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
      },
    });
    const bot = createBot(botConfig(startOptions.env), { ...startOptions.overrides, logger });
    const running = await bot.start();
    slack.setEventsUrl(running.eventsUrl!);
    return { running, stop: () => bot.stop() };
  }

  return {
    dir,
    slack,
    cloud,
    storePath,
    botEnvironment,
    botConfig,
    startBot,
    async close() {
      await Promise.all([slack.close(), cloud.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
