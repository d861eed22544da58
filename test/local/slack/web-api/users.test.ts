import { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_BOT_TOKEN, type SlackStandIn } from '../../../../src/local/slack/index.ts';
import { expectSlackError, ids, startWithClient, webClient } from '../harness.ts';

const opened: SlackStandIn[] = [];
async function start(...args: Parameters<typeof startWithClient>) {
  const started = await startWithClient(...args);
  opened.push(started.standIn);
  return started;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((standIn) => standIn.close()));
});

describe('auth', () => {
  it('answers auth.test for the bot token and refuses any other', async () => {
    const { standIn, client } = await start();

    expect(await client.auth.test()).toMatchObject({
      ok: true,
      team_id: ids.team,
      user_id: ids.botUser,
      bot_id: ids.bot,
    });
    await expectSlackError(webClient(standIn, {}, 'xoxb-not-the-token').auth.test(), 'invalid_auth');
  });

  it('accepts the token as a form field or a JSON body with a Bearer header, like Slack', async () => {
    const { standIn } = await start();
    const form = await fetch(`${standIn.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${LOCAL_BOT_TOKEN}`,
    });
    const json = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${LOCAL_BOT_TOKEN}` },
      body: JSON.stringify({ channel: ids.opsChannel, text: 'json body', blocks: [{ type: 'divider' }] }),
    });
    const missing = await fetch(`${standIn.apiUrl}auth.test`, { method: 'POST' });

    expect(await form.json()).toMatchObject({ ok: true, user_id: ids.botUser });
    expect(await json.json()).toMatchObject({ ok: true, channel: ids.opsChannel });
    expect(await missing.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(standIn.calls.all().map((call) => JSON.stringify(call))).not.toContainEqual(
      expect.stringContaining(LOCAL_BOT_TOKEN),
    );
  });

  it('answers an unknown method with unknown_method', async () => {
    const { client } = await start();
    await expectSlackError(client.apiCall('chat.teleport'), 'unknown_method');
  });
});

describe('users and user groups', () => {
  it('describes users and refuses unknown ones', async () => {
    const { client } = await start();
    const { user } = await client.users.info({ user: ids.approver });

    expect(user).toMatchObject({ id: ids.approver, name: 'alex', real_name: 'Alex Approver', is_bot: false });
    expect(user?.profile).toMatchObject({ display_name: 'alex', real_name: 'Alex Approver' });
    await expectSlackError(client.users.info({ user: 'U0NOBODY' }), 'user_not_found');
  });

  it('lists a user group members and refuses unknown groups', async () => {
    const { client } = await start();

    expect((await client.usergroups.users.list({ usergroup: ids.approverGroup })).users).toEqual([
      ids.approver,
      ids.secondApprover,
    ]);
    const { usergroups } = await client.usergroups.list({ include_users: true });
    expect(usergroups).toEqual([
      expect.objectContaining({ id: ids.approverGroup, users: [ids.approver, ids.secondApprover] }),
    ]);
    await expectSlackError(client.usergroups.users.list({ usergroup: 'S0NOPE' }), 'no_such_subteam');
  });

  it('refuses user groups on a free plan', async () => {
    const { client } = await start({ world: { plan: 'free' } });
    const failure = await client.usergroups.users
      .list({ usergroup: ids.approverGroup })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebAPIPlatformError);
    expect((failure as WebAPIPlatformError).data.error).toBe('plan_upgrade_required');
  });
});
