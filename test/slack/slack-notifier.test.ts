import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../src/local/slack/index.ts';
import { DeliveryError } from '../../src/slack/delivery-error.ts';
import type { Notifier } from '../../src/workflow/notifier.ts';
import { requestNotification as notification, startNotifierStandIn } from './support/notifications.ts';
import { buildRequestView } from './support/request-views.ts';
import { ids } from './support/slack-stand-in.ts';

let standIn: SlackStandIn;
let notifier: Notifier;
let freshNotifier: () => Notifier;

beforeEach(async () => {
  ({ standIn, freshNotifier } = await startNotifierStandIn());
  notifier = freshNotifier();
});

afterEach(async () => {
  await standIn.close();
});

function botMessages(channelId: string) {
  return standIn.state.messages(channelId).filter((m) => m.bot_id);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Slack notifier', () => {
  it('posts the card where the request was asked, then updates the same message in place', async () => {
    const view = buildRequestView({ status: 'validating' });
    const receipt = await notifier.deliver(notification('card', view), undefined);
    expect(receipt.channelId).toBe(ids.opsChannel);
    const again = await notifier.deliver(
      notification('card', { ...view, status: 'inProgress', copy: { snapshotId: 's-new', progress: 45 } }),
      receipt,
    );
    expect(again).toEqual(receipt);
    const messages = botMessages(ids.opsChannel);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.blocks)).toContain('45%');
    expect(messages[0]!.metadata).toEqual({
      event_type: 'snapcopy_notification',
      event_payload: { notification_id: `${view.requestId}:card` },
    });
  });

  it("posts the card to the requester's DM when the bot cannot post where it was asked", async () => {
    const view = buildRequestView({ requester: { userId: ids.requester, channelId: ids.randomChannel } });
    const receipt = await notifier.deliver(notification('card', view), undefined);
    expect(receipt.channelId).not.toBe(ids.randomChannel);
    expect(receipt.channelId.startsWith('D')).toBe(true);
    expect(botMessages(receipt.channelId)).toHaveLength(1);
    expect(botMessages(ids.randomChannel)).toHaveLength(0);
  });

  it('adopts a message posted before its receipt was lost instead of posting twice', async () => {
    const view = buildRequestView();
    await notifier.deliver(notification('card', view), undefined);
    const adopted = await freshNotifier().deliver(
      notification('card', { ...view, status: 'copying' }),
      undefined,
    );
    const messages = botMessages(ids.opsChannel);
    expect(messages).toHaveLength(1);
    expect(adopted.ts).toBe(messages[0]!.ts);
    expect(messages[0]!.text).toContain('Starting the copy');
  });

  it('posts the approval request in the approvals channel, once', async () => {
    const view = buildRequestView();
    await notifier.deliver(notification('approval', view), undefined);
    await freshNotifier().deliver(notification('approval', view), undefined);
    expect(botMessages(ids.approvalsChannel)).toHaveLength(1);
  });

  it("posts the outcome in the card's thread the workflow names", async () => {
    const view = buildRequestView();
    const card = await notifier.deliver(notification('card', view), undefined);
    const done = { ...view, status: 'done' as const, copy: { snapshotId: 's-newcopy', progress: 100 } };
    const outcome = await freshNotifier().deliver(notification('outcome', done, { card }), undefined);
    const thread = standIn.state.thread(ids.opsChannel, card.ts);
    expect(thread.map((m) => m.ts)).toEqual([card.ts, outcome.ts]);
    expect(JSON.stringify(thread[1]!.blocks)).toContain('s-newcopy');
  });

  it('refuses an outcome without a card to thread it under, posting nothing', async () => {
    const error = await rejection(
      notifier.deliver(notification('outcome', buildRequestView({ status: 'expired' })), undefined),
    );
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: true, mayHavePosted: false });
    expect(botMessages(ids.opsChannel)).toHaveLength(0);
  });

  it('posts without searching the channel when no earlier post may have gone out', async () => {
    await notifier.deliver(notification('card', buildRequestView(), { mayHavePosted: false }), undefined);
    await notifier.deliver(notification('approval', buildRequestView(), { mayHavePosted: false }), undefined);
    expect(standIn.calls.to('conversations.history')).toEqual([]);
    expect(standIn.calls.to('chat.postMessage')).toHaveLength(2);
  });

  it('tells the requester directly about an expired request, besides the thread', async () => {
    const view = buildRequestView();
    const card = await notifier.deliver(notification('card', view), undefined);
    await notifier.deliver(notification('outcome', { ...view, status: 'expired' }, { card }), undefined);
    const dm = standIn.state
      .conversations()
      .find((c) => c.id.startsWith('D') && c.members.includes(ids.requester));
    expect(dm).toBeDefined();
    expect(
      botMessages(dm!.id)
        .map((m) => m.text)
        .join(),
    ).toContain('expired');
  });

  it('waits out a 429 on chat.update and sends the update again; progress meanwhile is shed', async () => {
    const view = buildRequestView({ status: 'inProgress', copy: { snapshotId: 's-new', progress: 10 } });
    const receipt = await notifier.deliver(notification('card', view), undefined);
    standIn.faults.inject({ method: 'chat.update', kind: 'ratelimited', retryAfterSeconds: 1 });
    const later = { ...view, copy: { snapshotId: 's-new', progress: 70 } };
    const statusChange = notifier.deliver(notification('card', { ...later, status: 'copying' }), receipt);
    await standIn.waitFor(() => standIn.calls.to('chat.update').length === 1 || undefined);
    const progress = await rejection(
      notifier.deliver(notification('card', later, { progressOnly: true }), receipt),
    );
    expect(progress).toMatchObject({ code: 'shed', deferred: true, mayHavePosted: false });
    await statusChange;
    const updates = standIn.calls.to('chat.update');
    expect(updates.map((call) => call.status)).toEqual([429, 200]);
    expect(updates[1]!.at - updates[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(botMessages(ids.opsChannel)[0]!.text).toContain('Starting the copy');
  });

  it('posts again when the message to update is gone', async () => {
    const view = buildRequestView();
    const receipt = await notifier.deliver(notification('card', view), undefined);
    const replaced = await notifier.deliver(notification('card', view), { ...receipt, ts: '1.000001' });
    expect(replaced.ts).not.toBe('1.000001');
  });

  it('reports a refused post as not retryable, without any token in the error', async () => {
    standIn.faults.inject({ method: 'chat.postMessage', kind: 'error', error: 'invalid_blocks' });
    standIn.faults.inject({ method: 'conversations.history', kind: 'error', error: 'internal_error' });
    const first = await rejection(notifier.deliver(notification('card', buildRequestView()), undefined));
    expect(first).toMatchObject({ retryable: true, code: 'internal_error' });
    const second = await rejection(notifier.deliver(notification('card', buildRequestView()), undefined));
    expect(second).toMatchObject({ retryable: false, code: 'invalid_blocks' });
    expect(JSON.stringify(second) + String(second)).not.toContain('xoxb-');
  });
});
