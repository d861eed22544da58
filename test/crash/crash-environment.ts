/**
 * Everything a crash run stands on: the Alibaba and Slack stand-ins in this process (started on
 * free ports, watched for kill points), and the bot child process configured to use them, a SQLite
 * file and short intervals. close() takes it all down again.
 */
import { join } from 'node:path';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import { DEFAULT_IDS, type SlackStandIn, startSlackStandIn } from '../../src/local/slack/index.ts';
import { standInEnvironment } from '../../src/local/stand-in-environment.ts';
import { createLogger } from '../../src/observability/logger.ts';
import type { BatchScript } from './batch-scripts.ts';
import { BotProcess } from './bot-process.ts';
import { type CloudCallListener, watchCloudCalls } from './cloud-watch.ts';
import { crashSlackWorld, writeCloudWorld } from './crash-world.ts';
import type { RequestScript } from './request-scripts.ts';
import { APPROVER, REJECTER } from './scripted-person.ts';
import { SlackLedger } from './slack-ledger.ts';

export interface EnvironmentOptions {
  approvalTtlMs: number;
  clockSpeed: number;
  copyGiBPerMinute: number;
  botLogLevel: 'debug' | 'info';
}

export interface CrashEnvironment {
  cloud: AlibabaStandIn;
  slack: SlackStandIn;
  ledger: SlackLedger;
  bot: BotProcess;
  storeUrl: string;
  logFile: string;
  onCloudCall: (listener: CloudCallListener) => () => void;
  /** Starts the next bot generation and points Slack's requests at it. */
  startBot: () => Promise<void>;
  close: () => Promise<void>;
}

export async function openCrashEnvironment(
  dir: string,
  scripts: readonly RequestScript[],
  options: EnvironmentOptions,
  batches: readonly BatchScript[] = [],
): Promise<CrashEnvironment> {
  const closers: Array<() => unknown> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const cloud = await startAlibabaStandIn({
      clockSpeed: options.clockSpeed,
      worldFile: writeCloudWorld(join(dir, 'world.json'), scripts, options.copyGiBPerMinute, batches),
    });
    closers.push(() => cloud.close());
    const slack = await startSlackStandIn({
      world: crashSlackWorld(scripts, batches),
      logger: createLogger('slack-stand-in', { level: 'error', write: () => undefined }),
    });
    closers.push(() => slack.close());
    const ledger = new SlackLedger(slack);
    closers.push(() => ledger.close());
    const cloudListeners = new Set<CloudCallListener>();
    closers.push(
      watchCloudCalls(cloud, (call, phase) => {
        for (const listener of [...cloudListeners]) listener(call, phase);
      }),
    );
    const storeUrl = `sqlite:${join(dir, 'snapcopy.sqlite')}`;
    const logFile = join(dir, 'bot.log');
    const bot = new BotProcess({ cwd: dir, logFile, env: botEnvironment(slack, cloud, storeUrl, options) });
    closers.push(() => bot.close());
    return {
      cloud,
      slack,
      ledger,
      bot,
      storeUrl,
      logFile,
      onCloudCall: (listener) => {
        cloudListeners.add(listener);
        return () => cloudListeners.delete(listener);
      },
      startBot: async () => slack.setEventsUrl(await bot.start()),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function botEnvironment(
  slack: SlackStandIn,
  cloud: AlibabaStandIn,
  storeUrl: string,
  options: EnvironmentOptions,
): Record<string, string> {
  return {
    ...standInEnvironment(slack, cloud),
    SNAPCOPY_APPROVERS: `${APPROVER},${REJECTER}`,
    SNAPCOPY_APPROVALS_CHANNEL: DEFAULT_IDS.approvalsChannel,
    SNAPCOPY_STORE_URL: storeUrl,
    SNAPCOPY_LOG_LEVEL: options.botLogLevel,
    SNAPCOPY_APPROVAL_TTL: `${options.approvalTtlMs}ms`,
    SNAPCOPY_POLL_MIN_INTERVAL: '200ms',
    SNAPCOPY_POLL_MAX_INTERVAL: '1s',
    SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: '300ms',
  };
}
