import { describe, expect, it } from 'vitest';
import type { StandInView } from '../../../src/local/slack/index.ts';
import { ids, useSampleApp } from './harness.ts';

const sample = useSampleApp();

/** Each test gets its own person's fresh modal, opened by the app through /snapcopy. */
async function openModal(userId: string): Promise<StandInView> {
  const previous = sample.standIn.state.openViews(userId)[0]?.view.id;
  await sample.standIn.driver.slashCommand({ userId, channelId: ids.opsChannel });
  return sample.standIn.waitFor(() => {
    const root = sample.standIn.state.openViews(userId)[0];
    return root?.view.id !== previous && root;
  });
}

const selected = (value: string): unknown => expect.objectContaining({ value });

describe('modal input', () => {
  it('dispatches a select change with the new state and hash; the app updates the view, keeping what was typed', async () => {
    const modal = await openModal(ids.requester);
    sample.standIn.driver.setInputValue({
      userId: ids.requester,
      viewId: modal.view.id,
      actionId: 'reason_input',
      value: 'DR copy',
    });

    const reply = await sample.standIn.driver.selectInView({
      userId: ids.requester,
      viewId: modal.view.id,
      actionId: 'region_select',
      value: 'ap-southeast-1',
    });

    expect(reply?.status).toBe(200);
    const updated = await sample.standIn.waitFor(() => {
      const view = sample.standIn.state.view(modal.view.id);
      return view && view.view.hash !== modal.view.hash && view;
    });
    expect(updated.view.blocks.at(-1)).toMatchObject({
      type: 'context',
      elements: [{ text: 'Copying to ap-southeast-1' }],
    });
    expect(updated.view.state.values.reason?.reason_input).toEqual({
      type: 'plain_text_input',
      value: 'DR copy',
    });
    expect(updated.view.state.values.region?.region_select?.selected_option).toMatchObject({
      value: 'ap-southeast-1',
    });
  });

  it('does not tell the app about inputs without dispatch_action', async () => {
    const modal = await openModal(ids.approver);
    const reply = await sample.standIn.driver.selectInView({
      userId: ids.approver,
      viewId: modal.view.id,
      actionId: 'copy_type_radio',
      value: 'encrypt',
    });

    expect(reply).toBeUndefined();
    expect(
      sample.standIn.state.view(modal.view.id)?.view.state.values.copy_type?.copy_type_radio,
    ).toMatchObject({
      selected_option: { value: 'encrypt' },
    });
    expect(() =>
      sample.standIn.driver.setInputValue({
        userId: ids.approver,
        viewId: modal.view.id,
        actionId: 'copy_type_radio',
        value: 'teleport',
      }),
    ).toThrow(/not offered/);
  });

  it('returns the options the app answers to block_suggestion, which can then be picked by value', async () => {
    const modal = await openModal(ids.secondApprover);
    const result = await sample.standIn.driver.suggestOptions({
      userId: ids.secondApprover,
      viewId: modal.view.id,
      actionId: 'snapshot_select',
      query: 'orders',
    });

    expect(result.sent).toBe(true);
    expect(result.options).toEqual([
      { text: { type: 'plain_text', text: 'prod-orders (s-orders)' }, value: 's-orders' },
    ]);
    sample.standIn.driver.setInputValue({
      userId: ids.secondApprover,
      viewId: modal.view.id,
      actionId: 'snapshot_select',
      value: 's-orders',
    });
    expect(
      sample.standIn.state.view(modal.view.id)?.view.state.values.snapshot?.snapshot_select,
    ).toMatchObject({
      type: 'external_select',
      selected_option: { value: 's-orders' },
    });
    const tooShort = await sample.standIn.driver.suggestOptions({
      userId: ids.secondApprover,
      viewId: modal.view.id,
      actionId: 'snapshot_select',
      query: '',
    });
    expect(tooShort.sent).toBe(false);
  });
});

describe('view submission', () => {
  it('shows the app errors inline, then closes the modal and hands over typed state', async () => {
    const modal = await openModal(ids.bystander);
    const values = {
      region: { region_select: 'cn-hangzhou' },
      copy_type: { copy_type_radio: 'copy' },
      flags: { flags_cb: ['notify'] },
      retention: { retention_days: 30 },
    };

    const refused = await sample.standIn.driver.submitView({
      userId: ids.bystander,
      viewId: modal.view.id,
      values,
    });
    expect(refused.outcome).toBe('errors');
    expect(sample.standIn.state.view(modal.view.id)).toMatchObject({
      open: true,
      errors: { reason: 'Tell the approvers why' },
    });

    const accepted = await sample.standIn.driver.submitView({
      userId: ids.bystander,
      viewId: modal.view.id,
      values: { reason: { reason_input: 'quarterly DR drill' } },
    });
    expect(accepted.outcome).toBe('closed');
    expect(sample.standIn.state.openViews(ids.bystander)).toEqual([]);
    expect(sample.standIn.state.view(modal.view.id)?.open).toBe(false);
    expect(sample.received.submissions.at(-1)).toEqual({
      region: { region_select: { type: 'static_select', selected_option: selected('cn-hangzhou') } },
      snapshot: { snapshot_select: { type: 'external_select', selected_option: null } },
      copy_type: { copy_type_radio: { type: 'radio_buttons', selected_option: selected('copy') } },
      flags: { flags_cb: { type: 'checkboxes', selected_options: [selected('notify')] } },
      retention: { retention_days: { type: 'number_input', value: '30' } },
      reason: { reason_input: { type: 'plain_text_input', value: 'quarterly DR drill' } },
    });
  });

  it('applies response_action update, push and clear to the modal stack', async () => {
    const reason = (text: string) => ({ reason: { reason_input: text } });
    const modal = await openModal(ids.secondApprover);

    const updated = await sample.standIn.driver.submitView({
      userId: ids.secondApprover,
      viewId: modal.view.id,
      values: reason('show summary'),
    });
    expect(updated.outcome).toBe('updated');
    expect(updated.view?.view).toMatchObject({ id: modal.view.id, callback_id: 'summary' });

    const again = await openModal(ids.secondApprover);
    const pushed = await sample.standIn.driver.submitView({
      userId: ids.secondApprover,
      viewId: again.view.id,
      values: reason('push summary'),
    });
    expect(pushed.outcome).toBe('pushed');
    expect(sample.standIn.state.openViews(ids.secondApprover).map((view) => view.view.callback_id)).toEqual([
      'copy_request',
      'summary',
    ]);

    const third = await openModal(ids.secondApprover);
    const cleared = await sample.standIn.driver.submitView({
      userId: ids.secondApprover,
      viewId: third.view.id,
      values: reason('clear all'),
    });
    expect(cleared.outcome).toBe('cleared');
    expect(sample.standIn.state.openViews(ids.secondApprover)).toEqual([]);
  });

  it('keeps the modal open when the app names a non-input block in errors, as Slack refuses that', async () => {
    const modal = await openModal(ids.requester);
    const result = await sample.standIn.driver.submitView({
      userId: ids.requester,
      viewId: modal.view.id,
      values: { reason: { reason_input: 'bad errors' } },
    });

    expect(result.outcome).toBe('failed');
    expect(result.problems).toEqual(['tools is not an input block of the view']);
    expect(sample.standIn.state.view(modal.view.id)).toMatchObject({ open: true, errors: {} });
  });

  it('sends view_closed when the user closes a modal with notify_on_close', async () => {
    const modal = await openModal(ids.requester);
    const closedBefore = sample.received.closed.length;

    const result = await sample.standIn.driver.closeView({ userId: ids.requester, viewId: modal.view.id });

    expect(result.reply?.status).toBe(200);
    expect(result.closed.map((closed) => closed.view.id)).toEqual([modal.view.id]);
    expect(sample.received.closed.slice(closedBefore)).toEqual([
      { callbackId: 'copy_request', isCleared: false },
    ]);
  });
});

describe('leaving a modal', () => {
  it("closes the open modals (telling the app) before the person types a command, as Slack's window requires", async () => {
    const modal = await openModal(ids.bystander);
    const closedBefore = sample.received.closed.length;

    await sample.standIn.driver.slashCommand({
      userId: ids.bystander,
      channelId: ids.opsChannel,
      text: 'help',
    });

    expect(sample.standIn.state.view(modal.view.id)?.open).toBe(false);
    expect(sample.standIn.state.openViews(ids.bystander)).toEqual([]);
    expect(sample.received.closed.slice(closedBefore)).toEqual([
      { callbackId: 'copy_request', isCleared: false },
    ]);
  });
});

describe('stacked views', () => {
  it('pushes views with a trigger from inside the modal, up to three', async () => {
    const modal = await openModal(ids.approver);
    await sample.standIn.driver.clickViewAction({
      userId: ids.approver,
      viewId: modal.view.id,
      actionId: 'more_details',
    });
    const pushed = await sample.standIn.waitFor(() => sample.standIn.state.openViews(ids.approver)[1]);
    expect(pushed.view).toMatchObject({
      callback_id: 'details',
      root_view_id: modal.view.id,
      previous_view_id: modal.view.id,
    });

    await sample.standIn.driver.clickViewAction({
      userId: ids.approver,
      viewId: pushed.view.id,
      actionId: 'more_details',
    });
    await sample.standIn.waitFor(() => sample.standIn.state.openViews(ids.approver).length === 3);
    const top = sample.standIn.state.openViews(ids.approver)[2]!;
    await sample.standIn.driver.clickViewAction({
      userId: ids.approver,
      viewId: top.view.id,
      actionId: 'more_details',
    });
    await sample.standIn.waitFor(
      () => sample.standIn.calls.to('views.push').at(-1)?.error === 'push_limit_reached',
    );
    expect(sample.standIn.state.openViews(ids.approver)).toHaveLength(3);
  });
});
