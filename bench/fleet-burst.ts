/**
 * Fleet scale under Slack's published rate limits: N cross-region requests submitted through the
 * modal in one burst, against the Slack stand-in with its limits on. The approver approves each
 * request as its message appears; the copies run; every result goes to its card's thread in #ops.
 * Printed per N: time until every approval message is posted beside the channel floor (N messages
 * at 1 per second), 429 answers and message lookups per request, and the time from each copy
 * reaching 100 % to its result (p50, p99, max) beside the floor for posting N results in one channel.
 * It also checks what must never happen: a second copy, approval message or result for a request.
 *
 * The modals are opened and filled before the burst by a set-up bot whose budget lets views.* out
 * faster, with the stand-in's limits off: filling 500 modals takes two views.* calls each, ten
 * minutes of Slack's allowance (100 a minute), and no drill has 500 people typing at once. That bot
 * then stops, and the measured bot starts on the same store, as after a deploy: everything measured
 * runs with the limits on and the bot's own budget.
 *
 * Run: npx tsx bench/fleet-burst.ts [N ...]   (default 100 500)
 */

import { REQUEST_ID_TAG_KEY } from '../src/domain/provenance.ts';
import { DEFAULT_IDS, type SlackMessage } from '../src/local/slack/index.ts';
import { createSlackBudget } from '../src/slack/budget/slack-budget.ts';
import { SLACK_RATE_TABLE } from '../src/slack/budget/slack-rate-table.ts';
import { APPROVE_ACTION_ID, REQUEST_FIELD_INPUTS } from '../src/slack/slack-ids.ts';
import { benchSnapshotId, benchUserId } from './support/bench-world.ts';
import { describeMachine, percentile, reportFigure, reportProgress, verdict } from './support/figures.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';
import { APPROVER } from './support/seed-requests.ts';

const DESTINATION = 'ap-southeast-1';
/** Slack's floor for one channel: one message per second. */
const CHANNEL_FLOOR_MS_PER_MESSAGE = 1_000;
const POLL_MAX_MS = 10_000;
const SETTINGS = {
  SNAPCOPY_POLL_MIN_INTERVAL: '2s',
  SNAPCOPY_POLL_MAX_INTERVAL: `${POLL_MAX_MS / 1000}s`,
  SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: '3s',
};
/** Each copy runs about a minute of real time; they start as they are approved, so they end spread out. */
const SIZE_GIB = 40;
const COPY_GIB_PER_MINUTE = 40;
const WATCH_EVERY_MS = 100;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const MODALS_AT_ONCE = 25;

/** The set-up bot's budget: views.* at a hundred times Slack's rate, everything else as usual. */
function setUpBudget() {
  const fast = { perMinute: 10_000, scope: 'workspace' as const };
  return createSlackBudget({
    rates: { ...SLACK_RATE_TABLE, 'views.open': fast, 'views.update': fast, 'views.push': fast },
  });
}

interface Ledger {
  approvalPostedAt: Map<string, number>;
  copyDoneAt: Map<string, number>;
  resultPostedAt: Map<string, number>;
}

/** `/snapcopy <snapshot>` pre-fills the source; the person picks destination and copy type, and writes the rest. */
async function fillModal(stack: LocalStack, index: number): Promise<string> {
  const { slack } = stack;
  const userId = benchUserId(index);
  await slack.driver.slashCommand({
    userId,
    channelId: DEFAULT_IDS.opsChannel,
    text: benchSnapshotId(index),
  });
  const modal = await slack.waitFor(
    () =>
      slack.state.openViews(userId).find((open) => open.view.blocks.some((block) => block.type === 'input')),
    { timeoutMs: 60_000, description: `the modal of ${userId}` },
  );
  const viewId = modal.view.id;
  const pick = async (actionId: string, value: string) => {
    const before = slack.state.view(viewId)?.view.hash;
    await slack.driver.selectInView({ userId, viewId, actionId, value });
    await slack.waitFor(() => slack.state.view(viewId)?.view.hash !== before || undefined, {
      timeoutMs: 60_000,
      description: `the modal of ${userId} to update`,
    });
  };
  await pick(REQUEST_FIELD_INPUTS.destinationRegionId.actionId, DESTINATION);
  await pick(REQUEST_FIELD_INPUTS.copyType.actionId, 'copy');
  slack.driver.setInputValue({
    userId,
    viewId,
    actionId: REQUEST_FIELD_INPUTS.name.actionId,
    value: `dr-${index}`,
  });
  slack.driver.setInputValue({
    userId,
    viewId,
    actionId: REQUEST_FIELD_INPUTS.reason.actionId,
    value: 'DR drill',
  });
  return viewId;
}

const notificationIdOf = (message: SlackMessage): string | undefined => {
  const payload = message.metadata?.event_payload as { notification_id?: unknown } | undefined;
  return typeof payload?.notification_id === 'string' ? payload.notification_id : undefined;
};

/** Watches Slack and the cloud as a person would, and approves every request as it is asked. */
function watch(stack: LocalStack, ledger: Ledger) {
  const { slack, cloud } = stack;
  const clicked = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = Date.now();
      for (const message of slack.state.messages(DEFAULT_IDS.approvalsChannel)) {
        const id = notificationIdOf(message);
        if (!id?.endsWith(':approval')) continue;
        const requestId = id.slice(0, -':approval'.length);
        if (!ledger.approvalPostedAt.has(requestId)) ledger.approvalPostedAt.set(requestId, now);
        if (clicked.has(requestId)) continue;
        clicked.add(requestId);
        void slack.driver.clickButton({
          userId: APPROVER,
          channelId: DEFAULT_IDS.approvalsChannel,
          messageTs: message.ts,
          actionId: APPROVE_ACTION_ID,
        });
      }
      for (const snapshot of cloud.world.snapshotsIn(DESTINATION)) {
        const requestId = snapshot.tags.find((tag) => tag.key === REQUEST_ID_TAG_KEY)?.value;
        if (requestId && snapshot.progress >= 100 && !ledger.copyDoneAt.has(requestId))
          ledger.copyDoneAt.set(requestId, now);
      }
      for (const card of slack.state.messages(DEFAULT_IDS.opsChannel)) {
        for (const reply of slack.state.thread(DEFAULT_IDS.opsChannel, card.ts).slice(1)) {
          const id = notificationIdOf(reply);
          if (!id?.endsWith(':outcome')) continue;
          const requestId = id.slice(0, -':outcome'.length);
          if (!ledger.resultPostedAt.has(requestId)) ledger.resultPostedAt.set(requestId, now);
        }
      }
      await sleep(WATCH_EVERY_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** What must never happen, however the budget paces: a second copy, approval message or result. */
function duplicates(stack: LocalStack, requests: number): string[] {
  const problems: string[] = [];
  const posts = new Map<string, number>();
  for (const call of stack.slack.calls.to('chat.postMessage')) {
    const metadata = typeof call.args.metadata === 'string' ? call.args.metadata : '';
    const id = /"notification_id":"([^"]+)"/.exec(metadata)?.[1];
    if (call.ok && id) posts.set(id, (posts.get(id) ?? 0) + 1);
  }
  const twice = [...posts].filter(([, count]) => count > 1).map(([id]) => id);
  if (twice.length > 0) problems.push(`posted twice: ${twice.slice(0, 5).join(', ')}`);
  const copies = new Map<string, number>();
  for (const snapshot of stack.cloud.world.snapshotsIn(DESTINATION)) {
    const requestId = snapshot.tags.find((tag) => tag.key === REQUEST_ID_TAG_KEY)?.value;
    if (requestId) copies.set(requestId, (copies.get(requestId) ?? 0) + 1);
  }
  if (copies.size !== requests) problems.push(`${copies.size} requests copied, not ${requests}`);
  if ([...copies.values()].some((count) => count > 1)) problems.push('a request copied twice');
  return problems;
}

/**
 * Everyone presses Submit within seconds, but at most this many submissions wait for their answer
 * at a time: each is checked against the cloud before Slack's 3 s are up, and this process (bot
 * and both stand-ins on two cores) answers about 32 a second. With 50 waiting at once, 30 of 500
 * waited past 3 s and Slack would have shown those people an error.
 */
const SUBMISSIONS_IN_FLIGHT = 20;

async function submitInWaves(stack: LocalStack, views: string[]) {
  const answers: Awaited<ReturnType<LocalStack['slack']['driver']['submitView']>>[] = [];
  let next = 0;
  const submitter = async () => {
    while (next < views.length) {
      const index = next++;
      answers[index] = await stack.slack.driver.submitView({
        userId: benchUserId(index),
        viewId: views[index] ?? '',
      });
    }
  };
  await Promise.all(Array.from({ length: SUBMISSIONS_IN_FLIGHT }, submitter));
  return answers;
}

async function run(requests: number): Promise<string[]> {
  const stack = await startLocalStack({
    cloud: { disks: requests, sizeGiB: SIZE_GIB, copyGiBPerMinute: COPY_GIB_PER_MINUTE },
    clockSpeed: 1,
    slackPeople: requests,
    env: SETTINGS,
  });
  const verdicts: string[] = [];
  stack.slack.rateLimits.enabled = false;
  reportProgress(`opening ${requests} modals with the limits off`);
  const setUp = await stack.startBot({ overrides: { slackBudget: setUpBudget() } });
  const views: string[] = [];
  for (let index = 0; index < requests; index += MODALS_AT_ONCE) {
    const batch = Array.from(
      { length: Math.min(MODALS_AT_ONCE, requests - index) },
      (_, offset) => index + offset,
    );
    views.push(...(await Promise.all(batch.map((each) => fillModal(stack, each)))));
  }
  await setUp.stop();
  const bot = await stack.startBot();
  try {
    stack.slack.rateLimits.enabled = true;
    stack.slack.calls.clear();
    const ledger: Ledger = { approvalPostedAt: new Map(), copyDoneAt: new Map(), resultPostedAt: new Map() };
    const watcher = watch(stack, ledger);
    const burstAt = Date.now();
    reportProgress(`submitting ${requests} modals at once, limits on`);
    const submissions = await submitInWaves(stack, views);
    reportFigure(
      `fleet ${requests}: all ${requests} modals submitted in ${((Date.now() - burstAt) / 1000).toFixed(1)} s`,
    );
    const refused = submissions.filter((submission) => submission.outcome !== 'closed').length;
    if (refused > 0)
      throw new Error(
        `${refused} of ${requests} submissions were not accepted: ${JSON.stringify(submissions.find((submission) => submission.outcome !== 'closed'))}`,
      );
    const deadline = burstAt + (requests * 6 + 600) * 1000;
    while (ledger.resultPostedAt.size < requests && Date.now() < deadline) {
      await sleep(1_000);
      reportProgress(
        `approvals ${ledger.approvalPostedAt.size}, copies done ${ledger.copyDoneAt.size}, results ${ledger.resultPostedAt.size} of ${requests}`,
      );
    }
    await watcher.stop();

    const floorMs = requests * CHANNEL_FLOOR_MS_PER_MESSAGE;
    const lastApproval = Math.max(...ledger.approvalPostedAt.values()) - burstAt;
    const approvalRatio = lastApproval / floorMs;
    const calls = stack.slack.calls.all();
    const rateLimited = calls.filter((call) => call.status === 429).length / requests;
    const lookups =
      calls.filter(
        (call) => call.method === 'conversations.history' || call.method === 'conversations.replies',
      ).length / requests;
    const lags = [...ledger.resultPostedAt].flatMap(([id, postedAt]) => {
      const doneAt = ledger.copyDoneAt.get(id);
      return doneAt === undefined ? [] : [postedAt - doneAt];
    });
    const lastResultAfterLastCopy =
      Math.max(...ledger.resultPostedAt.values()) - Math.max(...ledger.copyDoneAt.values());
    const problems = duplicates(stack, requests);
    const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
    const lines = [
      `fleet ${requests}: every approval message posted in ${seconds(lastApproval)} = ${approvalRatio.toFixed(2)}× the channel floor of ${seconds(floorMs)} (target ≤ 1.2×) ${verdict(ledger.approvalPostedAt.size === requests && approvalRatio <= 1.2)}`,
      `fleet ${requests}: ${rateLimited.toFixed(3)} answers 429 per request (target ≤ 0.1) ${verdict(rateLimited <= 0.1)}`,
      `fleet ${requests}: ${lookups.toFixed(3)} message lookups per request (target ≤ 0.1) ${verdict(lookups <= 0.1)}`,
      `fleet ${requests}: copy at 100 % → result p50 ${seconds(percentile(lags, 50))} (target ≤ one poll interval, ${seconds(POLL_MAX_MS)}) ${verdict(percentile(lags, 50) <= POLL_MAX_MS)}`,
      `fleet ${requests}: copy at 100 % → result p99 ${seconds(percentile(lags, 99))}, max ${seconds(Math.max(...lags))}; last result ${seconds(lastResultAfterLastCopy)} after the last copy finished, floor for ${requests} results in one channel ${seconds(floorMs)} (target ≤ 1.2×) ${verdict(ledger.resultPostedAt.size === requests && lastResultAfterLastCopy <= 1.2 * floorMs)}`,
      `fleet ${requests}: one copy, one approval message and one result per request: ${problems.length === 0 ? 'yes' : problems.join('; ')} ${verdict(problems.length === 0)}`,
    ];
    for (const line of lines) reportFigure(line);
    verdicts.push(...lines);
  } finally {
    await bot.stop();
    await stack.close();
  }
  return verdicts;
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const sizes = process.argv.slice(2).map(Number);
  for (const requests of sizes.length > 0 ? sizes : [100, 500]) await run(requests);
}

await main();
