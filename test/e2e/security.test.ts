import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from '../../src/local/slack/index.ts';
import { APPROVE_ACTION_ID, blocksText, everythingVisible, Harness, ids, postSigned } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness.close();
});

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

describe('requests that must not be trusted', () => {
  it.each(['forgedSignature', 'staleTimestamp', 'unsigned'] as const)(
    'refuses a command with a %s and does nothing',
    async (signing) => {
      const viewsOpened = harness.slack.calls.to('views.open').length;
      const reply = await harness.slack.driver.withSigning(signing).slashCommand({
        userId: ids.requester,
        channelId: ids.opsChannel,
        text: 'help',
      });
      expect(reply.status).toBe(401);
      const empty = await harness.slack.driver.withSigning(signing).slashCommand({
        userId: ids.requester,
        channelId: ids.opsChannel,
        text: '',
      });
      expect(empty.status).toBe(401);
      expect(harness.slack.calls.to('views.open').length).toBe(viewsOpened);
      expect(
        harness.slack.state.ephemerals(ids.requester).filter((m) => m.text.includes('/snapcopy help')),
      ).toEqual([]);
    },
  );

  it('refuses a forged Approve click: the request stays undecided', async () => {
    const { request } = await harness.request({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1web01sys00000002',
      destinationRegionId: 'cn-shanghai',
      copyType: 'copy',
    });
    const requestId = request!.requestId;
    const approval = await harness.message(ids.approvalsChannel, requestId, (m) =>
      blocksText(m).includes(APPROVE_ACTION_ID),
    );
    const reply = await harness.slack.driver.withSigning('forgedSignature').clickButton({
      userId: ids.approver,
      channelId: ids.approvalsChannel,
      messageTs: approval.ts,
      actionId: APPROVE_ACTION_ID,
    });
    expect(reply.status).toBe(401);
    expect((await harness.service.get(requestId))!.status).toBe('awaitingApproval');
  });

  it('answers malformed payloads without crashing, then still works', async () => {
    const url = harness.running.eventsUrl!;
    expect((await postSigned(url, form(null))).status).toBe(400);
    expect((await postSigned(url, 'null', 'application/json')).status).toBe(400);
    expect((await postSigned(url, 'payload=%7Bnot-json')).status).toBe(400);
    const malformed: Array<[string, string, string?]> = [
      ['empty payload object', form({})],
      ['payload an array', form([1, 2, 3])],
      ['block_actions without user or actions', form({ type: 'block_actions' })],
      [
        'Approve without a value',
        form({
          type: 'block_actions',
          user: { id: ids.approver },
          actions: [{ type: 'button', action_id: APPROVE_ACTION_ID, block_id: 'x', action_ts: '1' }],
        }),
      ],
      [
        'Approve without a user',
        form({
          type: 'block_actions',
          actions: [
            { type: 'button', action_id: APPROVE_ACTION_ID, value: 'sc-x', block_id: 'x', action_ts: '1' },
          ],
        }),
      ],
      [
        'an unknown action',
        form({
          type: 'block_actions',
          user: { id: ids.requester },
          actions: [{ type: 'button', action_id: 'not_ours', block_id: 'x', action_ts: '1' }],
        }),
      ],
      [
        'a modal change without a view',
        form({
          type: 'block_actions',
          user: { id: ids.requester },
          actions: [
            {
              type: 'static_select',
              action_id: 'source_region_select',
              block_id: 'source_region',
              action_ts: '1',
            },
          ],
        }),
      ],
      [
        'a request submission without state',
        form({
          type: 'view_submission',
          user: { id: ids.requester },
          view: { id: 'V0X', callback_id: 'snapcopy_request' },
        }),
      ],
      [
        'a reject submission with bad metadata',
        form({
          type: 'view_submission',
          user: { id: ids.approver },
          view: {
            id: 'V0Y',
            callback_id: 'snapcopy_reject',
            private_metadata: '{oops',
            state: { values: {} },
          },
        }),
      ],
      [
        'a suggestion without a view',
        form({
          type: 'block_suggestion',
          user: { id: ids.requester },
          action_id: 'source_snapshot_select',
          block_id: 'source_snapshot',
          value: 's-',
        }),
      ],
      ['a command without a user', 'command=%2Fsnapcopy&text=list&team_id=T0SNAPCOPY'],
      [
        'a Home event without a user',
        JSON.stringify({
          type: 'event_callback',
          team_id: ids.team,
          event: { type: 'app_home_opened', tab: 'home' },
        }),
        'application/json',
      ],
      ['JSON that is a string', JSON.stringify('hello'), 'application/json'],
    ];
    for (const [what, body, contentType] of malformed) {
      const reply = await postSigned(url, body, contentType);
      expect([200, 400], what).toContain(reply.status);
    }
    const health = await fetch(url.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    const help = await harness.slack.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'help',
    });
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.body)).toContain('/snapcopy status');
  });

  it('never puts a token or secret in a message, a view or a log line', async () => {
    const secrets = [LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, harness.cloud.credentials.accessKeySecret];
    const visible = everythingVisible(harness);
    const logs = harness.logLines.join('\n');
    expect(harness.logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(visible).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
