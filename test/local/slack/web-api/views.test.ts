import type { types } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../../src/local/slack/index.ts';
import {
  type BoltHarness,
  expectSlackError,
  ids,
  manualClock,
  startBoltApp,
  startWithClient,
  type webClient,
} from '../harness.ts';
import { registerSampleApp, requestModal } from '../sample-app.ts';

const running: Array<{ standIn: SlackStandIn; bolt: BoltHarness }> = [];
afterEach(async () => {
  for (const { standIn, bolt } of running.splice(0)) {
    await bolt.stop();
    await standIn.close();
  }
});

async function start(options: Parameters<typeof startWithClient>[0] = {}) {
  const { standIn, client } = await startWithClient(options);
  const bolt = await startBoltApp(standIn, registerSampleApp);
  running.push({ standIn, bolt });
  /** A trigger_id the app leaves unused: the sample app only acks `/snapcopy noop`. */
  const trigger = async (userId: string = ids.requester) =>
    (await standIn.driver.slashCommand({ userId, channelId: ids.opsChannel, text: 'noop' })).triggerId;
  return { standIn, client, trigger };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const home = (text: string): types.HomeView => ({
  type: 'home',
  blocks: [{ type: 'section', text: plain(text) }],
});

async function openedModal(client: ReturnType<typeof webClient>, triggerId: string, externalId?: string) {
  const view = { ...requestModal(), ...(externalId ? { external_id: externalId } : {}) };
  const { view: opened } = await client.views.open({ trigger_id: triggerId, view });
  return opened!;
}

describe('views.open and trigger_id', () => {
  it('opens a modal for the user whose interaction gave the trigger', async () => {
    const { standIn, client, trigger } = await start();
    const opened = await openedModal(client, await trigger(ids.approver));

    expect(opened).toMatchObject({
      type: 'modal',
      callback_id: 'copy_request',
      hash: expect.any(String),
      root_view_id: opened.id,
    });
    expect(standIn.state.openViews(ids.approver).map((view) => view.view.id)).toEqual([opened.id]);
  });

  it('accepts a trigger once, for 3 seconds, and only one Slack issued', async () => {
    const clock = manualClock();
    const { client, trigger } = await start({ clock: clock.now });
    const used = await trigger();
    await openedModal(client, used);
    await expectSlackError(
      client.views.open({ trigger_id: used, view: requestModal() }),
      'exchanged_trigger_id',
    );

    const late = await trigger();
    clock.advance(3001);
    await expectSlackError(
      client.views.open({ trigger_id: late, view: requestModal() }),
      'expired_trigger_id',
    );
    await expectSlackError(
      client.views.open({ trigger_id: '123.456.made-up', view: requestModal() }),
      'invalid_trigger_id',
    );
  });

  it('refuses an invalid view without using up the trigger', async () => {
    const { client, trigger } = await start();
    const triggerId = await trigger();
    const invalid = { ...requestModal(), title: plain('A title far longer than Slack allows') };

    const failure = await expectSlackError(
      client.views.open({ trigger_id: triggerId, view: invalid }),
      'invalid_arguments',
    );
    expect(failure.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/title/text]',
    ]);
    const { submit: _submit, ...noSubmit } = requestModal();
    await expectSlackError(client.views.open({ trigger_id: triggerId, view: noSubmit }), 'invalid_arguments');
    await openedModal(client, triggerId);
  });
});

describe('views.update', () => {
  it('gives a new hash on every update and refuses a stale one with hash_conflict', async () => {
    const { standIn, client, trigger } = await start();
    const opened = await openedModal(client, await trigger());

    const first = await client.views.update({
      view_id: opened.id!,
      hash: opened.hash!,
      view: requestModal(),
    });
    expect(first.view?.hash).not.toBe(opened.hash);
    await expectSlackError(
      client.views.update({ view_id: opened.id!, hash: opened.hash!, view: requestModal() }),
      'hash_conflict',
    );
    const unconditional = await client.views.update({ view_id: opened.id!, view: requestModal() });
    expect(unconditional.view?.hash).not.toBe(first.view?.hash);
    expect(standIn.state.view(opened.id!)?.view.hash).toBe(unconditional.view?.hash);
  });

  it('finds a view by external_id, which must be unique among open views', async () => {
    const { client, trigger } = await start();
    const opened = await openedModal(client, await trigger(ids.requester), 'request-42');
    await expectSlackError(
      client.views.open({
        trigger_id: await trigger(ids.approver),
        view: { ...requestModal(), external_id: 'request-42' },
      }),
      'duplicate_external_id',
    );

    const updated = await client.views.update({
      external_id: 'request-42',
      view: { ...requestModal(), external_id: 'request-42' },
    });
    expect(updated.view?.id).toBe(opened.id);
    await expectSlackError(
      client.views.update({ external_id: 'request-41', view: requestModal() }),
      'not_found',
    );
    await expectSlackError(client.views.update({ view_id: 'V0NOPE', view: requestModal() }), 'not_found');
  });
});

describe('views.push', () => {
  it('needs an open modal and stops at three', async () => {
    const { standIn, client, trigger } = await start();
    const details = { type: 'modal' as const, title: plain('Details'), blocks: [] };
    await expectSlackError(
      client.views.push({ trigger_id: await trigger(), view: details }),
      'invalid_arguments',
    );

    const opened = await openedModal(client, await trigger());
    /** A trigger from inside the modal: the sample app answers this select with views.update only. */
    const triggerInModal = async () => {
      const reply = await standIn.driver.selectInView({
        userId: ids.requester,
        viewId: opened.id!,
        actionId: 'region_select',
        value: 'cn-hangzhou',
      });
      return reply!.triggerId;
    };
    await client.views.push({ trigger_id: await triggerInModal(), view: details });
    await client.views.push({ trigger_id: await triggerInModal(), view: details });
    await expectSlackError(
      client.views.push({ trigger_id: await triggerInModal(), view: details }),
      'push_limit_reached',
    );
    expect(standIn.state.openViews(ids.requester)).toHaveLength(3);
  });
});

describe('views.publish', () => {
  it('stores one Home tab per user, checking the hash', async () => {
    const { standIn, client } = await start();
    const first = await client.views.publish({ user_id: ids.requester, view: home('first') });
    const second = await client.views.publish({
      user_id: ids.requester,
      view: home('second'),
      hash: first.view!.hash!,
    });

    expect(second.view?.id).toBe(first.view?.id);
    expect(standIn.state.home(ids.requester)?.view.blocks[0]).toMatchObject({ text: { text: 'second' } });
    expect(standIn.state.home(ids.approver)).toBeUndefined();
    await expectSlackError(
      client.views.publish({ user_id: ids.requester, view: home('third'), hash: first.view!.hash! }),
      'hash_conflict',
    );
    await expectSlackError(client.views.publish({ user_id: 'U0NOBODY', view: home('x') }), 'user_not_found');
  });

  it('refuses when the app has no Home tab', async () => {
    const { client } = await start({ world: { homeTabEnabled: false } });
    await expectSlackError(client.views.publish({ user_id: ids.requester, view: home('x') }), 'not_enabled');
  });
});
