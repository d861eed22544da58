/**
 * The playground's HTTP routes on a real Slack stand-in and a real Alibaba stand-in, without a bot:
 * what the page may fetch, what it may not, and how it sees the workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import { DEFAULT_IDS, type SlackStandIn, startSlackStandIn } from '../../src/local/slack/index.ts';
import { type CloudPanelState, cloudPanelSource } from '../../src/local/slack/playground/cloud-state.ts';
import { mountPlayground, type Playground } from '../../src/local/slack/playground/playground.ts';
import type { PageState, PageWorkspace } from '../../src/local/slack/playground/workspace-view.ts';

let slack: SlackStandIn;
let alibaba: AlibabaStandIn;
let playground: Playground;

beforeAll(async () => {
  slack = await startSlackStandIn();
  alibaba = await startAlibabaStandIn({ clockSpeed: 0 });
  playground = await mountPlayground(slack, {
    cloud: cloudPanelSource(alibaba.url),
    roles: { [DEFAULT_IDS.requester]: 'requester', [DEFAULT_IDS.approver]: 'approver' },
  });
});

afterAll(async () => {
  playground.close();
  await slack.close();
  await alibaba.close();
});

const getJson = async <T>(path: string) => (await (await fetch(new URL(path, playground.url))).json()) as T;

const post = (path: string, body: unknown, contentType = 'application/json') =>
  fetch(new URL(path, playground.url), {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });

describe('playground routes', () => {
  it('serves the page and its modules with a policy that allows nothing from elsewhere', async () => {
    const page = await fetch(playground.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('/playground/static/playground.js');
    const script = await fetch(new URL('static/block-kit.js', playground.url));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside its static folder', async () => {
    for (const path of ['static/../playground.ts', 'static/%2e%2e%2fplayground.ts', 'static/nope.js']) {
      expect((await fetch(new URL(path, playground.url))).status).toBe(404);
    }
  });

  it('leaves the Web API where the bot expects it', async () => {
    const response = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST' });
    expect(await response.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('lists people with their roles first, and public channels', async () => {
    const workspace = await getJson<PageWorkspace>('api/workspace');
    expect(workspace.users.slice(0, 2).map((user) => user.role)).toEqual(['requester', 'approver']);
    expect(workspace.users.map((user) => user.id)).not.toContain(DEFAULT_IDS.botUser);
    expect(workspace.channels.map((channel) => channel.name)).toEqual(
      expect.arrayContaining(['ops', 'snapcopy-approvals']),
    );
  });

  it('posts what a person types and shows it in their channel', async () => {
    const sent = await post('api/message', {
      userId: DEFAULT_IDS.requester,
      channelId: DEFAULT_IDS.opsChannel,
      text: 'hello <b>team</b>',
    });
    expect(sent.status).toBe(200);
    const state = await getJson<PageState>(`api/state?user=${DEFAULT_IDS.requester}`);
    expect(state.messages[DEFAULT_IDS.opsChannel]).toContainEqual(
      expect.objectContaining({ userId: DEFAULT_IDS.requester, text: 'hello <b>team</b>', ephemeral: false }),
    );
  });

  it('refuses requests that are not JSON, and says which field is missing', async () => {
    expect((await post('api/message', {}, 'text/plain')).status).toBe(415);
    const missing = await post('api/command', { userId: DEFAULT_IDS.requester });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'channelId is required' });
  });

  it('reports a bot that does not answer as an error the page can show', async () => {
    slack.setEventsUrl('http://127.0.0.1:9/slack/events');
    const response = await post('api/command', {
      userId: DEFAULT_IDS.requester,
      channelId: DEFAULT_IDS.opsChannel,
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: string }).error).toMatch(/snapcopy did not answer/);
  });

  it('shows the cloud and sets its clock through the stand-in admin API', async () => {
    const cloud = await getJson<CloudPanelState>('api/cloud');
    const hangzhou = cloud.regions.find((region) => region.id === 'cn-hangzhou')!;
    expect(hangzhou.snapshots.length).toBeGreaterThan(0);
    expect(hangzhou.snapshots[0]).toMatchObject({
      id: expect.stringMatching(/^s-/),
      status: expect.any(String),
    });
    const changed = await post('api/clock', { speed: 60 });
    expect(((await changed.json()) as CloudPanelState).speed).toBe(60);
    expect(alibaba.clock.speed).toBe(60);
  });

  it('streams a change to the page as a server-sent event', async () => {
    const controller = new AbortController();
    const events = await fetch(new URL('events', playground.url), { signal: controller.signal });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    await post('api/message', {
      userId: DEFAULT_IDS.approver,
      channelId: DEFAULT_IDS.opsChannel,
      text: 'hi',
    });
    let received = '';
    while (!received.includes('event: slack')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain('event: slack');
  });
});
