/**
 * The whole bot over real HTTP: the Slack stand-in signs requests to the bot's /slack/events (or,
 * with `socketMode`, sends envelopes over the connections the bot opens with its app token) and
 * serves the Web API the bot's WebClient calls; the Alibaba stand-in answers the official SDKs;
 * the real runtime runs on a SQLite file in a temp directory, shared by every replica when there
 * are several. Tests drive it as people would.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotOverrides, createBot, type RunningBot } from '../../src/app/create-bot.ts';
import { loadConfig } from '../../src/config/bot-config.ts';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import {
  DEFAULT_IDS,
  LOCAL_APP_TOKEN,
  LOCAL_SIGNING_SECRET,
  type SlackMessage,
  type SlackStandIn,
  type StandInView,
  startSlackStandIn,
} from '../../src/local/slack/index.ts';
import { standInEnvironment } from '../../src/local/stand-in-environment.ts';
import { createLogger } from '../../src/observability/logger.ts';
import {
  APPROVE_ACTION_ID,
  CANCEL_ACTION_ID,
  REQUEST_FIELD_INPUTS as INPUT,
  REJECT_ACTION_ID,
} from '../../src/slack/slack-ids.ts';
import type { BatchView } from '../../src/workflow/batch/copy-batch-view.ts';
import type { RequestView } from '../../src/workflow/request-view.ts';
import { DEFAULT_LEADER_LEASE_TTL_MS } from '../../src/workflow/runtime.ts';

export const ids = DEFAULT_IDS;
export { APPROVE_ACTION_ID, CANCEL_ACTION_ID, INPUT, REJECT_ACTION_ID };

export interface HarnessOptions {
  /** Extra or replaced settings, as environment variables. */
  env?: Record<string, string>;
  /** Simulated cloud seconds per real second; 0 freezes copies until the test advances the clock. */
  clockSpeed?: number;
  /** Parts or budgets of the bot to replace. */
  bot?: BotOverrides;
  /** The bot connects over Socket Mode with the local app token instead of serving /slack/events. */
  socketMode?: boolean;
  /** Bots sharing the one store as replicas (docs/REPLICAS.md); default one, the store's only user. */
  replicas?: number;
}

/** What a person fills in the request modal. */
export interface RequestChoices {
  sourceRegionId?: string;
  sourceSnapshotId?: string;
  destinationRegionId?: string;
  copyType?: 'copy' | 'copyAndEncrypt';
  /** `default` or `cmk:<keyId>`. */
  key?: string;
  name?: string;
  description?: string;
  tags?: string;
  retentionDays?: string;
  reason?: string;
}

/** Who types `/snapcopy`, where, and with what text (default: the requester, in #ops, no text). */
export interface Who {
  userId?: string;
  channelId?: string;
  text?: string;
}

const WAIT = { timeoutMs: 15_000 };

export class Harness {
  private constructor(
    readonly slack: SlackStandIn,
    readonly cloud: AlibabaStandIn,
    /** Every replica's bot, in the order they started; the first is `running`. */
    readonly replicas: RunningBot[],
    readonly logLines: string[],
    private readonly stopBots: () => Promise<void>,
    private readonly dir: string,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const dir = mkdtempSync(join(tmpdir(), 'snapcopy-e2e-'));
    const logLines: string[] = [];
    const quiet = createLogger('stand-in', { level: 'error', write: () => undefined });
    const slack = await startSlackStandIn({ logger: quiet, socketMode: options.socketMode ?? false });
    const cloud = await startAlibabaStandIn({ clockSpeed: options.clockSpeed ?? 60 });
    const config = loadConfig({
      ...standInEnvironment(slack, cloud),
      ...(options.socketMode ? { SLACK_APP_TOKEN: LOCAL_APP_TOKEN } : {}),
      SNAPCOPY_APPROVERS: `${ids.approver},${ids.secondApprover}`,
      SNAPCOPY_APPROVALS_CHANNEL: ids.approvalsChannel,
      SNAPCOPY_STORE_URL: `sqlite:${join(dir, 'snapcopy.sqlite')}`,
      SNAPCOPY_LOG_LEVEL: 'debug',
      SNAPCOPY_POLL_MIN_INTERVAL: '100ms',
      SNAPCOPY_POLL_MAX_INTERVAL: '500ms',
      SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: '100ms',
      ...options.env,
    });
    const logger = createLogger('snapcopy', { level: 'debug', write: (line) => logLines.push(line) });
    const count = options.replicas ?? 1;
    // The config reader sees a SQLite store as one process's; replicas share the file like Redis.
    const bots = Array.from({ length: count }, (_, index) =>
      createBot(
        count === 1
          ? config
          : {
              ...config,
              replica: { replicaId: `replica-${index + 1}`, leaderLeaseTtlMs: DEFAULT_LEADER_LEASE_TTL_MS },
            },
        { logger: count === 1 ? logger : logger.child(`replica-${index + 1}`), ...options.bot },
      ),
    );
    const stopBots = async () => {
      for (const bot of bots) await bot.stop();
    };
    const replicas: RunningBot[] = [];
    try {
      for (const bot of bots) replicas.push(await bot.start());
    } catch (error) {
      await stopBots();
      await Promise.all([slack.close(), cloud.close()]);
      throw error;
    }
    if (!options.socketMode) slack.setEventsUrl(replicas[0]!.eventsUrl!);
    return new Harness(slack, cloud, replicas, logLines, stopBots, dir);
  }

  async close(): Promise<void> {
    await this.stopBots();
    await Promise.all([this.slack.close(), this.cloud.close()]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  get running(): RunningBot {
    return this.replicas[0]!;
  }

  get service() {
    return this.running.service;
  }

  get batches() {
    return this.running.batches;
  }

  botMessages(channelId: string): SlackMessage[] {
    return this.slack.state.messages(channelId).filter((message) => message.bot_id);
  }

  /** IDs of the user's open modals, to tell a newly opened one from them. */
  openModalIds(userId: string): Set<string> {
    return new Set(this.slack.state.openViews(userId).map((open) => open.view.id));
  }

  /** A modal the user did not have open before, once it is more than the loading view. */
  async openedModal(userId: string, before: Set<string>): Promise<StandInView> {
    return this.slack.waitFor(
      () => {
        const top = this.slack.state.openViews(userId).at(-1);
        const fresh = top !== undefined && !before.has(top.view.id);
        return fresh && top.view.blocks.some((block) => block.type === 'input') ? top : undefined;
      },
      { ...WAIT, description: `a new modal for ${userId}` },
    );
  }

  /** Picks a value in a dispatching input and waits for the bot to re-render the modal. */
  async pick(userId: string, viewId: string, actionId: string, value: string): Promise<void> {
    const before = this.slack.state.view(viewId)!.view.hash;
    await this.slack.driver.selectInView({ userId, viewId, actionId, value });
    await this.slack.waitFor(() => this.slack.state.view(viewId)!.view.hash !== before, {
      ...WAIT,
      description: `the modal to update after ${actionId}`,
    });
  }

  /** `/snapcopy`, then fills the modal as a person would, in order; returns the modal's ID. */
  async fillRequest(choices: RequestChoices, who: Who = {}): Promise<string> {
    const userId = who.userId ?? ids.requester;
    const before = this.openModalIds(userId);
    const channelId = who.channelId ?? ids.opsChannel;
    await this.slack.driver.slashCommand({ userId, channelId, text: who.text ?? '' });
    const viewId = (await this.openedModal(userId, before)).view.id;
    if (choices.sourceRegionId)
      await this.pick(userId, viewId, INPUT.sourceRegionId.actionId, choices.sourceRegionId);
    if (choices.copyType) await this.pick(userId, viewId, INPUT.copyType.actionId, choices.copyType);
    if (choices.sourceSnapshotId) {
      await this.slack.driver.suggestOptions({
        userId,
        viewId,
        actionId: INPUT.sourceSnapshotId.actionId,
        query: choices.sourceSnapshotId,
      });
      await this.pick(userId, viewId, INPUT.sourceSnapshotId.actionId, choices.sourceSnapshotId);
    }
    if (choices.destinationRegionId) {
      await this.pick(userId, viewId, INPUT.destinationRegionId.actionId, choices.destinationRegionId);
    }
    const typed: Array<[keyof RequestChoices, { actionId: string }]> = [
      ['key', INPUT.key],
      ['name', INPUT.name],
      ['description', INPUT.description],
      ['tags', INPUT.tags],
      ['retentionDays', INPUT.retentionDays],
      ['reason', INPUT.reason],
    ];
    for (const [field, input] of typed) {
      const value = choices[field];
      if (value !== undefined)
        this.slack.driver.setInputValue({ userId, viewId, actionId: input.actionId, value });
    }
    return viewId;
  }

  /** Fills and submits the modal; returns the submission and, when accepted, the new request. */
  async request(choices: RequestChoices, who: Who = {}) {
    const userId = who.userId ?? ids.requester;
    const viewId = await this.fillRequest({ name: 'dr-copy', reason: 'DR drill', ...choices }, who);
    const submittedAt = Date.now();
    const submission = await this.slack.driver.submitView({ userId, viewId });
    if (submission.outcome !== 'closed') return { submission, viewId, request: undefined };
    return { submission, viewId, request: await this.waitForRequest(userId, submittedAt) };
  }

  /**
   * `/snapcopy instance <id>` or `/snapcopy tag <k=v>` (in `who.text`), then the rest of the modal
   * as a person fills it; submits it and returns the submission and, when accepted, the batch.
   */
  async batch(choices: RequestChoices, who: Who & { text: string }) {
    const userId = who.userId ?? ids.requester;
    const viewId = await this.fillRequest({ name: 'dr-drill', reason: 'DR drill', ...choices }, who);
    const submittedAt = Date.now();
    const submission = await this.slack.driver.submitView({ userId, viewId });
    if (submission.outcome !== 'closed') return { submission, viewId, batch: undefined };
    return { submission, viewId, batch: await this.waitForBatch(userId, submittedAt) };
  }

  async waitForBatch(userId: string, since: number): Promise<BatchView> {
    return poll(`a batch by ${userId} since ${since}`, async () =>
      (await this.batches.listByRequester(userId)).find((view) => view.createdAt >= since),
    );
  }

  /** Waits until the batch is in one of these statuses. */
  async waitForBatchStatus(batchId: string, statuses: BatchView['status'][], timeoutMs = WAIT.timeoutMs) {
    return poll(
      `batch ${batchId} to be ${statuses.join('/')}`,
      async () => {
        const view = await this.batches.get(batchId);
        return view && statuses.includes(view.status) ? view : undefined;
      },
      timeoutMs,
    );
  }

  /** The request a user submitted at or after a time. */
  async waitForRequest(userId: string, since: number): Promise<RequestView> {
    return poll(`a request by ${userId} since ${since}`, async () =>
      (await this.service.listByRequester(userId)).find((view) => view.createdAt >= since),
    );
  }

  /** Waits until the service reports the request in one of these statuses. */
  async waitForStatus(requestId: string, ...statuses: RequestView['status'][]): Promise<RequestView> {
    return poll(`${requestId} to be ${statuses.join('/')}`, async () => {
      const view = await this.service.get(requestId);
      return view && statuses.includes(view.status) ? view : undefined;
    });
  }

  /** The bot's message about a request in a channel, once its text matches. */
  async message(channelId: string, requestId: string, matches: (m: SlackMessage) => boolean = () => true) {
    return this.slack.waitFor(
      () => this.botMessages(channelId).find((m) => JSON.stringify(m).includes(requestId) && matches(m)),
      { ...WAIT, description: `a message about ${requestId} in ${channelId}` },
    );
  }

  /** Replies in the thread of the card, once one matches. */
  async threadReply(card: SlackMessage, channelId: string, matches: (m: SlackMessage) => boolean) {
    return this.slack.waitFor(() => this.slack.state.thread(channelId, card.ts).slice(1).find(matches), {
      ...WAIT,
      description: 'a thread reply',
    });
  }

  async ephemeralFor(userId: string, includes: string) {
    return this.slack.waitFor(
      () => this.slack.state.ephemerals(userId).find((m) => m.text.includes(includes)),
      { ...WAIT, description: `an ephemeral for ${userId} saying ${includes}` },
    );
  }
}

/** Asks until the probe answers, or fails naming what it waited for. */
async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = WAIT.timeoutMs,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Everything a person or the cloud can see, for secret scans. */
export function everythingVisible(harness: Harness): string {
  const { state } = harness.slack;
  const conversations = state.conversations().map((c) => ({
    messages: state.messages(c.id).map((m) => ({ m, thread: state.thread(c.id, m.ts) })),
  }));
  const users = state.users().map((u) => ({
    ephemerals: state.ephemerals(u.id),
    views: state.openViews(u.id),
    home: state.home(u.id),
  }));
  return JSON.stringify({ conversations, users });
}

export function blocksText(message: { blocks?: unknown; text?: string }): string {
  return `${message.text ?? ''}\n${JSON.stringify(message.blocks ?? [])}`;
}

/** Posts a raw body to the bot's /slack/events, signed as Slack signs (for malformed-payload tests). */
export async function postSigned(
  eventsUrl: string,
  body: string,
  contentType = 'application/x-www-form-urlencoded',
): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', LOCAL_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
