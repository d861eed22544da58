/**
 * A batch of 200 under Slack's published rate limits: an instance with 200 disks, one cross-region
 * batch asked through the modal (`/snapcopy instance <id>`), approved once through its approval
 * message. The bot copies at most SNAPCOPY_MAX_COPIES_PER_REGION (default 20) at a time into the
 * destination; the rest queue. Printed: DescribeSnapshots calls per poll tick per region beside
 * ceil(in flight / 100), the batch card's chat.update rate beside Slack's Tier 3 budget and the
 * card interval, 429 answers, every Slack Web API call the batch cost (a handful plus card
 * updates, not a few per item), one copy per item, one approval and one result message, and the
 * time from the approval to the last copy done and to the result posted.
 *
 * The result message lists 200 items; the Slack stand-in refuses a message over Block Kit's
 * limits as Slack does, so a posted result also shows it fits.
 *
 * Run: npx tsx bench/batch-fleet.ts
 */
import { BATCH_ID_TAG_KEY, REQUEST_ID_TAG_KEY } from '../src/domain/provenance.ts';
import { DEFAULT_IDS } from '../src/local/slack/index.ts';
import { SLACK_RATE_TABLE } from '../src/slack/budget/slack-rate-table.ts';
import {
  APPROVE_BATCH_ACTION_ID,
  COPY_MODE_INPUT,
  REQUEST_FIELD_INPUTS as INPUT,
} from '../src/slack/slack-ids.ts';
import { SlackLedger } from '../test/crash/slack-ledger.ts';
import { SOURCE_REGION } from './support/bench-world.ts';
import { describeMachine, reportFigure, reportProgress, verdict } from './support/figures.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';
import { checkTickLimit, startObservedBot } from './support/poll-ticks.ts';
import { APPROVER } from './support/seed-requests.ts';

const DISKS = 200;
const INSTANCE_ID = 'i-bp1fleet0000000000200';
const DESTINATION = 'ap-southeast-1';
const REQUESTER = DEFAULT_IDS.requester;
/** The product's default; named here so the figure can say what it held the copies to. */
const MAX_COPIES_PER_REGION = 20;
const CARD_INTERVAL_S = 3;
const SETTINGS = {
  SNAPCOPY_POLL_MIN_INTERVAL: '1s',
  SNAPCOPY_POLL_MAX_INTERVAL: '3s',
  SNAPCOPY_CARD_UPDATE_MIN_INTERVAL: `${CARD_INTERVAL_S}s`,
};
/** 10 GiB at 60 GiB a minute: a copy runs 10 s, so ten waves of 20 take a couple of minutes. */
const SIZE_GIB = 10;
const COPY_GIB_PER_MINUTE = 60;
/** "A handful": the card, the approval message and its update, the result, a few lookups. */
const CALLS_BESIDES_CARD_UPDATES = 20;
const WATCH_EVERY_MS = 100;
const DEADLINE_MS = 15 * 60_000;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

/** `/snapcopy instance <id>` opens the modal in instance mode; the requester picks the regions and the copy type. */
async function askForBatch(stack: LocalStack): Promise<void> {
  const { slack } = stack;
  await slack.driver.slashCommand({
    userId: REQUESTER,
    channelId: DEFAULT_IDS.opsChannel,
    text: `instance ${INSTANCE_ID}`,
  });
  const modal = await slack.waitFor(
    () =>
      slack.state
        .openViews(REQUESTER)
        .find((open) => open.view.blocks.some((block) => block.type === 'input')),
    { timeoutMs: 60_000, description: 'the batch modal' },
  );
  const viewId = modal.view.id;
  const pick = async (actionId: string, value: string) => {
    const before = slack.state.view(viewId)?.view.hash;
    await slack.driver.selectInView({ userId: REQUESTER, viewId, actionId, value });
    await slack.waitFor(() => slack.state.view(viewId)?.view.hash !== before || undefined, {
      timeoutMs: 60_000,
      description: `the modal to update after ${actionId}`,
    });
  };
  await pick(INPUT.sourceRegionId.actionId, SOURCE_REGION);
  await pick(INPUT.destinationRegionId.actionId, DESTINATION);
  await pick(INPUT.copyType.actionId, 'copy');
  slack.driver.setInputValue({ userId: REQUESTER, viewId, actionId: INPUT.name.actionId, value: 'fleet-dr' });
  slack.driver.setInputValue({
    userId: REQUESTER,
    viewId,
    actionId: INPUT.reason.actionId,
    value: 'DR drill',
  });
  const view = slack.state.view(viewId)?.view;
  const mode = JSON.stringify(view?.blocks.find((block) => block.block_id === COPY_MODE_INPUT.blockId));
  if (!mode.includes('"instance"')) throw new Error(`the modal is not in instance mode: ${mode}`);
  const submitted = await slack.driver.submitView({ userId: REQUESTER, viewId });
  if (submitted.outcome !== 'closed') {
    throw new Error(`the batch modal was not accepted: ${JSON.stringify(slack.state.view(viewId)?.errors)}`);
  }
}

interface Watched {
  batchId?: string;
  approvedAt?: number;
  /** Item request ID → when its copy reached 100 %. */
  copyDoneAt: Map<string, number>;
  /** The most copies unfinished in the destination at one moment. */
  mostInFlight: number;
}

/** Looks at Slack and the cloud as a person would, and approves the batch once its message asks. */
function watch(stack: LocalStack, ledger: SlackLedger): { watched: Watched; stop: () => Promise<void> } {
  const { slack, cloud } = stack;
  const watched: Watched = { copyDoneAt: new Map(), mostInFlight: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = Date.now();
      watched.batchId ??= ledger.batchIds()[0];
      const approval = watched.batchId && ledger.entry(`${watched.batchId}:approval`);
      if (approval && watched.approvedAt === undefined) {
        watched.approvedAt = now;
        const reply = await slack.driver.clickButton({
          userId: APPROVER,
          channelId: approval.channelId,
          messageTs: approval.message.ts,
          actionId: APPROVE_BATCH_ACTION_ID,
        });
        if (reply.status !== 200) throw new Error(`approving the batch answered ${reply.status}`);
      }
      let inFlight = 0;
      for (const snapshot of cloud.world.snapshotsIn(DESTINATION)) {
        const requestId = snapshot.tags.find((tag) => tag.key === REQUEST_ID_TAG_KEY)?.value;
        if (!requestId) continue;
        if (snapshot.progress < 100) inFlight++;
        else if (!watched.copyDoneAt.has(requestId)) watched.copyDoneAt.set(requestId, now);
      }
      watched.mostInFlight = Math.max(watched.mostInFlight, inFlight);
      await sleep(WATCH_EVERY_MS);
    }
  })();
  return {
    watched,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Copies in the destination per item request of the batch (by provenance tag). */
function copiesPerItem(stack: LocalStack, batchId: string): Map<string, number> {
  const copies = new Map<string, number>();
  for (const snapshot of stack.cloud.world.snapshotsIn(DESTINATION)) {
    const tag = (key: string) => snapshot.tags.find((each) => each.key === key)?.value;
    const requestId = tag(REQUEST_ID_TAG_KEY);
    if (tag(BATCH_ID_TAG_KEY) === batchId && requestId)
      copies.set(requestId, (copies.get(requestId) ?? 0) + 1);
  }
  return copies;
}

/** The most calls in any 60 s window (sliding, from each call). */
function mostPerMinute(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= 60_000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const stack = await startLocalStack({
    cloud: {
      disks: DISKS,
      sizeGiB: SIZE_GIB,
      copyGiBPerMinute: COPY_GIB_PER_MINUTE,
      instanceId: INSTANCE_ID,
    },
    clockSpeed: 1,
    env: SETTINGS,
  });
  const ledger = new SlackLedger(stack.slack);
  const bot = await startObservedBot(stack);
  const watcher = watch(stack, ledger);
  try {
    const askedAt = Date.now();
    reportProgress(`asking for every disk of ${INSTANCE_ID} (${DISKS}) through the modal, limits on`);
    await askForBatch(stack);
    const { watched } = watcher;
    const ended = () =>
      watched.batchId !== undefined && ledger.entry(`${watched.batchId}:outcome`) !== undefined;
    while (!ended() && Date.now() - askedAt < DEADLINE_MS) {
      await sleep(2_000);
      reportProgress(
        `batch ${watched.batchId ?? '(no card yet)'}: ${watched.approvedAt ? 'approved' : 'awaiting approval'}, copies done ${watched.copyDoneAt.size} of ${DISKS}, ${watched.mostInFlight} in flight at most`,
      );
    }
    await watcher.stop();
    const { batchId, approvedAt } = watched;
    if (!batchId || approvedAt === undefined || !ended()) {
      throw new Error(`the batch did not end within ${seconds(DEADLINE_MS)}: ${JSON.stringify(watched)}`);
    }
    reportFigure(
      `batch ${DISKS}: ${DISKS} disks of one instance, ${SIZE_GIB} GiB each at ${COPY_GIB_PER_MINUTE} GiB/min, to ${DESTINATION}; poll ${SETTINGS.SNAPCOPY_POLL_MIN_INTERVAL}–${SETTINGS.SNAPCOPY_POLL_MAX_INTERVAL}, card interval ${CARD_INTERVAL_S} s, Slack rate limits on`,
    );
    for (const line of figures(stack, ledger, bot.ticks, { ...watched, batchId, approvedAt }))
      reportFigure(line);
  } finally {
    await watcher.stop();
    ledger.close();
    await bot.stop();
    await stack.close();
  }
}

function figures(
  stack: LocalStack,
  ledger: SlackLedger,
  ticks: Parameters<typeof checkTickLimit>[0],
  watched: Watched & { batchId: string; approvedAt: number },
): string[] {
  const { batchId, approvedAt } = watched;
  const card = ledger.entry(`${batchId}:card`);
  const approval = ledger.entry(`${batchId}:approval`);
  const outcome = ledger.entry(`${batchId}:outcome`);
  const calls = stack.slack.calls.all();
  const cardUpdates = calls.filter(
    (call) => call.method === 'chat.update' && call.args.ts === card?.message.ts,
  );
  const perMinute = mostPerMinute(cardUpdates.map((call) => call.at));
  const tier3 = SLACK_RATE_TABLE['chat.update']?.perMinute ?? 50;
  const cardBudget = Math.min(tier3, 60 / CARD_INTERVAL_S);
  const rateLimited = calls.filter((call) => call.status === 429).length;
  // The modal's views.* calls are the requester's typing, not what the batch costs.
  const batchCalls = calls.filter((call) => !call.method.startsWith('views.'));
  const besidesCard = batchCalls.length - cardUpdates.length;
  const byMethod = new Map<string, number>();
  for (const call of batchCalls) byMethod.set(call.method, (byMethod.get(call.method) ?? 0) + 1);
  const breakdown = [...byMethod].map(([method, count]) => `${method} ${count}`).join(', ');
  const itemMessages = [...ledger.notificationIds()].filter((id) => id.startsWith(`${batchId}-`));
  const copies = copiesPerItem(stack, batchId);
  const oneCopyEach = copies.size === DISKS && [...copies.values()].every((count) => count === 1);
  const posts = (entry: { posts: string[] } | undefined) => entry?.posts.length ?? 0;
  const lastCopyDone = Math.max(...watched.copyDoneAt.values());
  const limit = checkTickLimit(ticks.filter((tick) => tick.copies.has(DESTINATION)));
  return [
    `batch ${DISKS}: DescribeSnapshots per poll tick in ${DESTINATION}: worst ${limit.worst.calls} for ${limit.worst.copies} copies (ceil(n/100) = ${limit.worst.allowed}); ${limit.overLimit} of ${limit.regionTicks} region-ticks over | target ≤ ceil(in flight/100) ${verdict(limit.overLimit === 0)}`,
    `batch ${DISKS}: at most ${watched.mostInFlight} copies in flight at once (SNAPCOPY_MAX_COPIES_PER_REGION ${MAX_COPIES_PER_REGION}) ${verdict(watched.mostInFlight <= MAX_COPIES_PER_REGION)}`,
    `batch ${DISKS}: batch card chat.update ${cardUpdates.length} in all, at most ${perMinute} in a minute | target ≤ ${cardBudget}/min (Tier 3 ${tier3}/min, 60 / ${CARD_INTERVAL_S} s) ${verdict(perMinute <= cardBudget)}`,
    `batch ${DISKS}: ${rateLimited} answers 429 | target 0 ${verdict(rateLimited === 0)}`,
    `batch ${DISKS}: ${batchCalls.length} Slack Web API calls (views.* of the modal left out), ${besidesCard} besides card updates: ${breakdown} | target ≤ ${CALLS_BESIDES_CARD_UPDATES} + card updates ${verdict(besidesCard <= CALLS_BESIDES_CARD_UPDATES)}`,
    `batch ${DISKS}: one copy per item: ${copies.size} items copied, ${[...copies.values()].filter((count) => count > 1).length} twice | target ${DISKS}, 0 ${verdict(oneCopyEach)}`,
    `batch ${DISKS}: card posted ${posts(card)}, approval message ${posts(approval)}, result ${posts(outcome)} (in the card's thread: ${outcome?.message.thread_ts === card?.message.ts}), item messages ${itemMessages.length} | target 1, 1, 1, 0 ${verdict(posts(card) === 1 && posts(approval) === 1 && posts(outcome) === 1 && outcome?.message.thread_ts === card?.message.ts && itemMessages.length === 0)}`,
    `batch ${DISKS}: approval → last copy done ${seconds(lastCopyDone - approvedAt)}, → result posted ${seconds((outcome?.firstPostedAt ?? Number.NaN) - approvedAt)} (${seconds((outcome?.firstPostedAt ?? Number.NaN) - lastCopyDone)} after the last copy; ${Math.ceil(DISKS / MAX_COPIES_PER_REGION)} waves of ${seconds((SIZE_GIB / COPY_GIB_PER_MINUTE) * 60_000)} copies)`,
  ];
}

await main();
