import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../src/local/slack/index.ts';
import type { BatchView } from '../../src/workflow/batch/copy-batch-view.ts';
import type { Notifier } from '../../src/workflow/notifier.ts';
import { BATCH_ID, buildBatchItems, buildBatchView } from './support/batch-views.ts';
import { batchNotification as notification, startNotifierStandIn } from './support/notifications.ts';
import { ids } from './support/slack-stand-in.ts';

let standIn: SlackStandIn;
let freshNotifier: () => Notifier;

beforeEach(async () => {
  ({ standIn, freshNotifier } = await startNotifierStandIn());
});

afterEach(async () => {
  await standIn.close();
});

const botMessages = (channelId: string) => standIn.state.messages(channelId).filter((m) => m.bot_id);
const batch = (overrides: Partial<BatchView> = {}) =>
  buildBatchView({ requester: { userId: ids.requester, channelId: ids.opsChannel }, ...overrides });

describe('Slack notifier, batches', () => {
  it('posts one batch card where it was asked, then updates it in place', async () => {
    const notifier = freshNotifier();
    const receipt = await notifier.deliver(notification('card', batch()), undefined);
    expect(receipt.channelId).toBe(ids.opsChannel);
    const running = batch({
      status: 'running',
      counts: { total: 3, pending: 0, queued: 1, copying: 1, done: 1, failed: 0, cancelled: 0 },
    });
    await notifier.deliver(notification('card', running, { progressOnly: true }), receipt);
    const messages = botMessages(ids.opsChannel);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.blocks)).toContain('1 done · 1 copying · 1 queued');
    expect(messages[0]!.metadata).toMatchObject({ event_payload: { notification_id: `${BATCH_ID}:card` } });
  });

  it('posts the approval in the approvals channel once, with the digest on Approve', async () => {
    await freshNotifier().deliver(notification('approval', batch()), undefined);
    await freshNotifier().deliver(notification('approval', batch()), undefined);
    const messages = botMessages(ids.approvalsChannel);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.blocks)).toContain(`${BATCH_ID}:0123456789abcdef`);
  });

  it("posts a 200-item outcome in the card's thread, and tells the requester of a failure directly", async () => {
    const notifier = freshNotifier();
    const card = await notifier.deliver(notification('card', batch()), undefined);
    const items = buildBatchItems(200, {
      status: 'failed',
      newSnapshotId: undefined,
      failure: { code: 'QuotaExceed.Snapshot', hint: 'No snapshot quota left in the destination region.' },
    });
    const failed = batch({
      status: 'failed',
      items,
      counts: { total: 200, pending: 0, queued: 0, copying: 0, done: 0, failed: 200, cancelled: 0 },
    });
    const outcome = await notifier.deliver(notification('outcome', failed, { card }), undefined);
    const thread = standIn.state.thread(ids.opsChannel, card.ts);
    expect(thread.map((m) => m.ts)).toEqual([card.ts, outcome.ts]);
    expect(JSON.stringify(thread[1]!.blocks)).toContain(`/snapcopy status ${BATCH_ID}`);
    const dm = standIn.state
      .conversations()
      .find((c) => c.id.startsWith('D') && c.members.includes(ids.requester));
    expect(
      botMessages(dm!.id)
        .map((m) => m.text)
        .join(),
    ).toContain('failed');
  });
});
