/**
 * A small real Bolt app for the stand-in tests: one command, a message button, a modal with every
 * input type snapcopy uses, an external select, a pushed view and a Home tab. It records what it got.
 */
import type { App, types, ViewClosedAction, ViewStateValue } from '@slack/bolt';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (text: string, value: string) => ({ text: plain(text), value });

export const SNAPSHOTS = [
  option('prod-orders (s-orders)', 's-orders'),
  option('prod-users (s-users)', 's-users'),
];

export function requestModal(extra: KnownBlock[] = []): ModalView {
  return {
    type: 'modal',
    callback_id: 'copy_request',
    title: plain('Snapcopy'),
    submit: plain('Request'),
    close: plain('Cancel'),
    notify_on_close: true,
    private_metadata: JSON.stringify({ channel: 'C0OPS' }),
    blocks: [
      {
        type: 'input',
        block_id: 'region',
        dispatch_action: true,
        label: plain('Destination region'),
        element: {
          type: 'static_select',
          action_id: 'region_select',
          options: [option('Hangzhou', 'cn-hangzhou'), option('Singapore', 'ap-southeast-1')],
        },
      },
      {
        type: 'input',
        block_id: 'snapshot',
        label: plain('Snapshot'),
        element: { type: 'external_select', action_id: 'snapshot_select', min_query_length: 1 },
      },
      {
        type: 'input',
        block_id: 'copy_type',
        label: plain('Copy type'),
        element: {
          type: 'radio_buttons',
          action_id: 'copy_type_radio',
          options: [option('Copy', 'copy'), option('Copy and Encrypt', 'encrypt')],
        },
      },
      {
        type: 'input',
        block_id: 'flags',
        optional: true,
        label: plain('Options'),
        element: { type: 'checkboxes', action_id: 'flags_cb', options: [option('Notify me', 'notify')] },
      },
      {
        type: 'input',
        block_id: 'retention',
        label: plain('Retention days'),
        element: {
          type: 'number_input',
          action_id: 'retention_days',
          is_decimal_allowed: false,
          initial_value: '7',
        },
      },
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Reason'),
        element: { type: 'plain_text_input', action_id: 'reason_input' },
      },
      {
        type: 'actions',
        block_id: 'tools',
        elements: [{ type: 'button', action_id: 'more_details', text: plain('Details') }],
      },
      ...extra,
    ],
  };
}

const detailsModal: ModalView = {
  type: 'modal',
  callback_id: 'details',
  title: plain('Details'),
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: 'More about copies' } },
    { type: 'actions', elements: [{ type: 'button', action_id: 'more_details', text: plain('Even more') }] },
  ],
};

const summaryModal: ModalView = {
  type: 'modal',
  callback_id: 'summary',
  title: plain('Summary'),
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your request' } }],
};

export interface Received {
  commands: string[];
  submissions: Array<Record<string, Record<string, ViewStateValue>>>;
  closed: Array<{ callbackId: string; isCleared: boolean }>;
  homeOpenedBy: string[];
  dismissedFrom: unknown[];
}

export function registerSampleApp(app: App): Received {
  const received: Received = {
    commands: [],
    submissions: [],
    closed: [],
    homeOpenedBy: [],
    dismissedFrom: [],
  };

  app.command('/snapcopy', async ({ command, ack, client, respond, say }) => {
    received.commands.push(command.text);
    switch (command.text) {
      case '':
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view: requestModal() });
        return;
      case 'help':
        return ack('Usage: /snapcopy [snapshot-id]');
      case 'public':
        return ack({ response_type: 'in_channel', text: 'Shared with the channel' });
      case 'later':
        await ack();
        await respond({ text: 'Working on it' });
        await respond({ replace_original: true, text: 'Done' });
        return;
      case 'card':
        await ack();
        await say({
          text: 'Approval needed',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Approval needed' } },
            // Same action_id in two blocks (Slack wants it unique per block only).
            ...['req_1', 'req_2'].map(
              (value): KnownBlock => ({
                type: 'actions',
                block_id: `approval_${value}`,
                elements: [
                  { type: 'button', action_id: 'approve', value, style: 'primary', text: plain('Approve') },
                ],
              }),
            ),
          ],
        });
        return;
      case 'private-card':
        return ack({
          text: 'Only you can see this',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Only you can see this' } },
            { type: 'actions', elements: [{ type: 'button', action_id: 'dismiss', text: plain('Dismiss') }] },
          ],
        });
      default:
        // Leaves the trigger_id unused, for tests of views.open itself.
        return ack();
    }
  });

  app.action({ type: 'block_actions', action_id: 'approve' }, async ({ ack, body, respond, action }) => {
    await ack();
    const value = 'value' in action ? action.value : '';
    await respond?.({ replace_original: true, text: `${value} approved by <@${body.user.id}>` });
  });

  app.action('dismiss', async ({ ack, body, respond }) => {
    await ack();
    received.dismissedFrom.push(body.type === 'block_actions' ? body.container : undefined);
    await respond?.({ delete_original: true });
  });

  app.action('region_select', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.view) return;
    const region = body.view.state.values.region?.region_select?.selected_option?.value ?? 'none';
    const note: KnownBlock = {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Copying to ${region}` }],
    };
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: requestModal([note]) });
  });

  app.action('more_details', async ({ ack, body, client }) => {
    await ack();
    if (body.type === 'block_actions')
      await client.views.push({ trigger_id: body.trigger_id, view: detailsModal });
  });

  app.options('snapshot_select', async ({ ack, options }) => {
    await ack({ options: SNAPSHOTS.filter((snapshot) => snapshot.text.text.includes(options.value)) });
  });

  app.view('copy_request', async ({ ack, view }) => {
    const reason = view.state.values.reason?.reason_input?.value;
    if (!reason) return ack({ response_action: 'errors', errors: { reason: 'Tell the approvers why' } });
    if (reason === 'show summary') return ack({ response_action: 'update', view: summaryModal });
    if (reason === 'push summary') return ack({ response_action: 'push', view: summaryModal });
    if (reason === 'clear all') return ack({ response_action: 'clear' });
    if (reason === 'bad errors')
      return ack({ response_action: 'errors', errors: { tools: 'not an input block' } });
    received.submissions.push(view.state.values);
    await ack();
  });

  app.view<ViewClosedAction>({ callback_id: 'copy_request', type: 'view_closed' }, async ({ ack, body }) => {
    received.closed.push({ callbackId: body.view.callback_id, isCleared: body.is_cleared });
    await ack();
  });

  app.event('app_home_opened', async ({ event, client }) => {
    received.homeOpenedBy.push(event.user);
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `Requests of <@${event.user}>` } },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'approve', value: 'req_home', text: plain('Approve') }],
          },
        ],
      },
    });
  });

  return received;
}
