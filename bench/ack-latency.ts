/**
 * Acknowledgement latency of signed `/snapcopy` commands and Approve clicks, in bursts of 1, 50
 * and 200 concurrent requests, beside a bare Bolt app that acks immediately: p50 and p99 from
 * sending the signed request until its HTTP response (the ack). Each app runs in its own process,
 * as in production (the real `bin/snapcopy.js bot` on an SQLite store); the load generator (the
 * Slack stand-in's driver) and both stand-ins run in this one. The apps take turns, after a
 * warm-up; each burst starts once the bot has finished the work the previous one set off (modals
 * loaded, approved copies done). Each figure is the median over the rounds. Target: snapcopy's p99
 * within 1.2× of bare Bolt's.
 *
 * Run: npx tsx bench/ack-latency.ts
 */

import { fileURLToPath } from 'node:url';
import { DEFAULT_IDS, type SlackStandIn } from '../src/local/slack/index.ts';
import { APPROVE_ACTION_ID } from '../src/slack/slack-ids.ts';
import type { CopyRequestService } from '../src/workflow/copy-request-service.ts';
import { type AckTimes, timeAcks } from './support/ack-timer.ts';
import { BOT_ENTRY, startAppProcess } from './support/app-process.ts';
import { benchUserId } from './support/bench-world.ts';
import {
  describeMachine,
  median,
  ms,
  percentile,
  reportFigure,
  reportProgress,
  verdict,
} from './support/figures.ts';
import { startLocalStack } from './support/local-stack.ts';
import { watchActivity } from './support/quiet-period.ts';
import { APPROVER, copyOfDisk, submitCopies, waitForStatuses } from './support/seed-requests.ts';
import { waitForOpenRequests } from './support/store-rows.ts';

const BURST_SIZES = [1, 50, 200] as const;
/** Each Approve click uses up a waiting request, and waiting requests are slow to create. */
const ROUNDS = 3;
/** A burst of one is repeated, each after the last one's work is done, to give each round a sample. */
const SINGLES_PER_ROUND = 5;
const WARM_UP_BURST = 20;
const TARGET_RATIO = 1.2;
/** Slack shows the user an error when the ack takes longer. */
const SLACK_ACK_LIMIT_MS = 3_000;
const QUIET_MS = 500;
const DISKS = Math.max(...BURST_SIZES);
const BARE_BOLT_ENTRY = fileURLToPath(new URL('./support/bare-bolt-app.ts', import.meta.url));
/** Both apps log the URL Slack should call once they listen. */
const eventsUrlOf = (entry: Record<string, unknown>) =>
  typeof entry.eventsUrl === 'string' ? entry.eventsUrl : undefined;

type Kind = 'command' | 'approve';
type Target = 'snapcopy' | 'bare bolt';
const KINDS: readonly Kind[] = ['command', 'approve'];

/** Approval cards as the bot posts them in the approvals channel: request ID → message ts. */
function collectApprovalCards(slack: SlackStandIn): Map<string, string> {
  const cards = new Map<string, string>();
  const approveButton = new RegExp(`"action_id":"${APPROVE_ACTION_ID}"[^}]*?"value":"([^"]+)"`);
  slack.onChange((change) => {
    if (change.type !== 'message_posted' || change.channelId !== DEFAULT_IDS.approvalsChannel) return;
    const requestId = JSON.stringify(change.message.blocks ?? []).match(approveButton)?.[1];
    if (requestId) cards.set(requestId, change.message.ts);
  });
  return cards;
}

async function waitForCards(cards: Map<string, string>, requestIds: readonly string[]): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (requestIds.some((id) => !cards.has(id))) {
    if (Date.now() > deadline) throw new Error('the bot did not post every approval card');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function pendingApprovals(service: CopyRequestService, count: number): Promise<string[]> {
  // Consecutive requests use different disks, so no burst asks for two unfinished copies of one disk.
  const requests = Array.from({ length: count }, (_, index) => copyOfDisk(index % DISKS, 'cn-shanghai'));
  const requestIds = await submitCopies(service, requests);
  await waitForStatuses(service, requestIds, ['awaitingApproval'], 15 * 60_000);
  return requestIds;
}

/** Per round: the percentiles of one case, as Slack saw them. */
class Sample {
  readonly p50: number[] = [];
  readonly p99: number[] = [];
  overLimit = 0;

  add(times: AckTimes): void {
    this.p50.push(percentile(times.latencies, 50));
    this.p99.push(percentile(times.latencies, 99));
    this.overLimit += times.latencies.filter((latency) => latency > SLACK_ACK_LIMIT_MS).length;
  }
}

const describe = (sample: Sample) => `p50=${ms(median(sample.p50))} p99=${ms(median(sample.p99))}`;

function report(kind: Kind, size: number, snap: Sample, base: Sample): void {
  const ratio = median(snap.p99) / median(base.p99);
  const late =
    snap.overLimit + base.overLimit > 0
      ? ` | acks over 3 s: snapcopy ${snap.overLimit}, bare bolt ${base.overLimit}`
      : '';
  reportFigure(
    `ack-latency ${kind} burst=${size}: snapcopy ${describe(snap)} | bare bolt ${describe(base)} | ratio p99 ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${verdict(ratio <= TARGET_RATIO)}${late}`,
  );
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const stack = await startLocalStack({
    cloud: { disks: DISKS, sizeGiB: 20 },
    // A 20 GiB copy then takes well under a second, so approved copies finish between bursts.
    clockSpeed: 600,
    slackPeople: DISKS,
    // Slack gives up after 3 s; the stand-in waits longer so every ack is timed (and counted if late).
    ackTimeoutMs: 30_000,
    // An ack is the HTTP answer to Slack, no Web API call; at Slack's rates, posting the hundreds
    // of approval messages the rounds click through would take a quarter of an hour, so the
    // stand-in's limits are off and the bot may spend a hundred times Slack's allowances.
    rateLimits: false,
    env: {
      SNAPCOPY_SLACK_BUDGET_PERCENT: '10000',
      SNAPCOPY_POLL_MIN_INTERVAL: '500ms',
      SNAPCOPY_POLL_MAX_INTERVAL: '2s',
      SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: '100ms',
    },
  });
  const cards = collectApprovalCards(stack.slack);
  const perRound = SINGLES_PER_ROUND + BURST_SIZES.filter((size) => size > 1).reduce((a, b) => a + b, 0);
  const total = 1 + WARM_UP_BURST + ROUNDS * perRound;
  // Seeded through an in-process bot's service (the quick way in), then the store is the bot process's.
  const seeding = await stack.startBot();
  reportProgress(`submitting ${total} requests that wait for approval`);
  const requestIds = await pendingApprovals(seeding.running.service, total);
  await waitForCards(cards, requestIds);
  await seeding.stop();
  let open = requestIds.length;

  const common = { cwd: stack.dir, ready: eventsUrlOf };
  const snapcopy = await startAppProcess({
    ...common,
    args: [BOT_ENTRY, 'bot'],
    env: stack.botEnvironment(),
  });
  const bare = await startAppProcess({
    ...common,
    args: ['--import', import.meta.resolve('tsx'), BARE_BOLT_ENTRY],
    env: {},
  });
  const urls: Record<Target, string> = { snapcopy: snapcopy.ready, 'bare bolt': bare.ready };
  let target: Target = 'snapcopy';
  const timer = timeAcks(() => urls[target]);
  const activity = watchActivity(stack);
  const { driver } = stack.slack;

  try {
    await activity.quiet(QUIET_MS);
    // The bare app never approves, so all its clicks can land on one card (same payload as any other).
    const bareCard = cards.get(requestIds[0]!)!;
    const toApprove = requestIds.slice(1);

    const send = (to: Target, kind: Kind, size: number, approved: string[]) => {
      if (kind === 'command') {
        return Array.from({ length: size }, (_, index) =>
          driver.slashCommand({ userId: benchUserId(index), channelId: DEFAULT_IDS.opsChannel }),
        );
      }
      const clicked =
        to === 'snapcopy' ? approved.map((id) => cards.get(id)!) : Array<string>(size).fill(bareCard);
      return clicked.map((messageTs) =>
        driver.clickButton({
          userId: APPROVER,
          channelId: DEFAULT_IDS.approvalsChannel,
          messageTs,
          actionId: APPROVE_ACTION_ID,
        }),
      );
    };

    async function burst(to: Target, kind: Kind, size: number): Promise<AckTimes> {
      target = to;
      stack.slack.setEventsUrl(urls[to]);
      timer.take();
      const approved = to === 'snapcopy' && kind === 'approve' ? toApprove.splice(0, size) : [];
      const replies = await Promise.all(send(to, kind, size, approved));
      const times = timer.take();
      const refused = replies.filter((reply) => reply.status !== 200).length + times.failures;
      if (refused > 0 || times.latencies.length !== size) {
        throw new Error(`${to}: ${refused} of ${size} ${kind}s not acked`);
      }
      if (approved.length > 0) {
        // A finished request leaves the open ones: the approved copies are done and reported.
        open -= approved.length;
        await waitForOpenRequests(stack.storePath, open, 10 * 60_000);
      }
      await activity.quiet(QUIET_MS);
      return times;
    }

    async function measure(to: Target, kind: Kind, size: number): Promise<AckTimes> {
      if (size > 1) return burst(to, kind, size);
      const all: AckTimes = { latencies: [], failures: 0 };
      for (let single = 0; single < SINGLES_PER_ROUND; single++) {
        all.latencies.push(...(await burst(to, kind, 1)).latencies);
      }
      return all;
    }

    reportProgress('warming up');
    for (const kind of KINDS) {
      for (const to of ['bare bolt', 'snapcopy'] as const) await burst(to, kind, WARM_UP_BURST);
    }

    const samples = new Map<string, Sample>();
    const sampleOf = (kind: Kind, size: number, to: Target) => {
      const key = `${kind}/${size}/${to}`;
      if (!samples.has(key)) samples.set(key, new Sample());
      return samples.get(key)!;
    };
    for (let round = 0; round < ROUNDS; round++) {
      reportProgress(`round ${round + 1} of ${ROUNDS}`);
      // Alternate who goes first, so neither always inherits the other's leftovers.
      const order: Target[] = round % 2 === 0 ? ['bare bolt', 'snapcopy'] : ['snapcopy', 'bare bolt'];
      for (const kind of KINDS) {
        for (const size of BURST_SIZES) {
          for (const to of order) sampleOf(kind, size, to).add(await measure(to, kind, size));
        }
      }
    }
    for (const kind of KINDS) {
      for (const size of BURST_SIZES) {
        report(kind, size, sampleOf(kind, size, 'snapcopy'), sampleOf(kind, size, 'bare bolt'));
      }
    }
  } finally {
    activity.close();
    timer.close();
    await bare.stop();
    await snapcopy.stop();
    await stack.close();
  }
}

await main();
