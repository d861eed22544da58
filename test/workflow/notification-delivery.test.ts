import { afterEach, describe, expect, it } from 'vitest';
import {
  type Harness,
  requester,
  sameRegionCopy,
  startHarness,
  TEST_SETTINGS,
  waitFor,
} from './runtime-harness.ts';

let harness: Harness;
afterEach(async () => harness?.close());

async function submit() {
  const result = await harness.bot.runtime.service.submit(sameRegionCopy, requester, 'view-1');
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
  return result.request.requestId;
}

async function finishCopy() {
  harness.cloud.clock.advance(30 * 60_000);
  await harness.bot.clock.advance(TEST_SETTINGS.pollMaxIntervalMs);
}

const firstPostOf = (id: string, slot: 'card' | 'outcome') =>
  harness.notifier.of(id, slot).find((delivery) => delivery.previous === undefined)?.notification;

describe('notification delivery', () => {
  it("posts the result while the card's own update still waits for Slack", async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'inProgress');
    await waitFor('the card', () => harness.notifier.posts(id, 'card') === 1);
    const release = harness.notifier.holdUpdates('card');
    await finishCopy();
    await waitFor('the result', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(harness.notifier.latest(id, 'card')?.status).not.toBe('done');
    expect(firstPostOf(id, 'outcome')?.card).toEqual(harness.notifier.of(id, 'card')[0]?.receipt);
    release();
    await waitFor('the card to show done', () => harness.notifier.latest(id, 'card')?.status === 'done');
  });

  it('searches for an earlier post only after an attempt whose fate is unknown', async () => {
    harness = await startHarness();
    await harness.startProcess();
    // The first post of the card fails as a timeout would: it may have reached Slack.
    harness.notifier.failNext(1, 1);
    const id = await submit();
    await harness.bot.clock.advance(60_000);
    await waitFor('the card', () => harness.notifier.posts(id, 'card') === 1);
    expect(firstPostOf(id, 'card')?.mayHavePosted).toBe(true);
    await harness.waitForStatus(id, 'inProgress');
    await finishCopy();
    await waitFor('the result', () => harness.notifier.posts(id, 'outcome') === 1);
    expect(firstPostOf(id, 'outcome')?.mayHavePosted).toBe(false);
  });

  it('posts without a search again after a failure that certainly posted nothing', async () => {
    harness = await startHarness();
    await harness.startProcess();
    harness.notifier.failNext(1, 1, { mayHavePosted: false });
    const id = await submit();
    await harness.bot.clock.advance(60_000);
    await waitFor('the card', () => harness.notifier.posts(id, 'card') === 1);
    expect(firstPostOf(id, 'card')?.mayHavePosted).toBe(false);
  });

  it('keeps a shed progress update for the next interval without counting it as a failure', async () => {
    harness = await startHarness();
    await harness.startProcess();
    const id = await submit();
    await harness.waitForStatus(id, 'inProgress');
    await waitFor('the card', () => harness.notifier.posts(id, 'card') === 1);
    const before = harness.notifier.of(id, 'card').length;
    harness.notifier.failNext(50, undefined, { mayHavePosted: false, deferred: true });
    await finishCopy();
    // Fifty sheds in a row would back off for minutes if they counted; a shed waits one interval.
    for (let tick = 0; tick < 60 && harness.notifier.failuresLeft() > 0; tick++) {
      await harness.bot.clock.advance(TEST_SETTINGS.cardUpdateMinIntervalMs);
    }
    await waitFor('the card to show done', () => harness.notifier.latest(id, 'card')?.status === 'done');
    expect(harness.notifier.of(id, 'card').length).toBeGreaterThan(before);
  });
});
