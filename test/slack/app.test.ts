import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../src/local/slack/index.ts';
import { LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET } from '../../src/local/slack/index.ts';
import { createSlackApp, type SlackAppSettings } from '../../src/slack/app.ts';
import type { ListenerDeps } from '../../src/slack/listeners/listener-deps.ts';
import { createModalUpdates } from '../../src/slack/modal-updates.ts';
import { NO_FOREGROUND } from '../../src/workflow/foreground-activity.ts';
import { quietLogger, startStandInWithClient } from './support/slack-stand-in.ts';

let standIn: SlackStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** Listeners are not reached in these tests; the deps only need to exist. */
function unusedDeps(): ListenerDeps {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    service: {
      check: unused,
      submit: unused,
      approve: unused,
      reject: unused,
      cancel: unused,
      get: unused,
      listByRequester: unused,
      listAwaitingApproval: unused,
      isApprover: unused,
    },
    batches: {
      preview: unused,
      submit: unused,
      approve: unused,
      reject: unused,
      cancel: unused,
      get: unused,
      listByRequester: unused,
      listAwaitingApproval: unused,
    },
    catalog: {
      regions: unused,
      searchSnapshots: unused,
      snapshot: unused,
      locateSnapshot: unused,
      usableKeys: unused,
    },
    modalUpdates: createModalUpdates(quietLogger),
    logger: quietLogger,
    submitCheckBudgetMs: 100,
    optionsBudgetMs: 100,
    foreground: NO_FOREGROUND,
  };
}

type Started = Awaited<ReturnType<typeof startStandInWithClient>>;

/** The bot's app on a free port of 127.0.0.1, with the local secrets and these settings. */
function appFor(started: Started, settings: Partial<SlackAppSettings> = {}) {
  return createSlackApp({
    settings: {
      botToken: LOCAL_BOT_TOKEN,
      signingSecret: LOCAL_SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      ...settings,
    },
    client: started.client,
    budget: started.budget,
    deps: unusedDeps(),
    logger: quietLogger,
  });
}

describe('createSlackApp', () => {
  it('builds a Socket Mode app without connecting anywhere', async () => {
    const started = await startStandInWithClient();
    standIn = started.standIn;
    const app = appFor(started, { appToken: 'xapp-1-test' });
    expect(app).toBeDefined();
    expect(standIn.calls.to('auth.test')).toEqual([]);
  });

  it('connects in Socket Mode to the configured API URL with the app token, and serves /healthz on the port it reports', async () => {
    const started = await startStandInWithClient({ socketMode: true });
    standIn = started.standIn;
    const app = appFor(started, { appToken: LOCAL_APP_TOKEN, apiUrl: standIn.apiUrl });
    const { port } = await app.start();
    try {
      expect(standIn.socketMode?.connectionCount()).toBe(1);
      expect(standIn.calls.to('apps.connections.open')).toMatchObject([{ ok: true }]);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.text()).toBe('ok');
      expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
    } finally {
      await app.stop();
    }
    await standIn.waitFor(() => standIn?.socketMode?.connectionCount() === 0);
  });

  it('fails to start in Socket Mode when Slack refuses the app token, naming no token', async () => {
    const started = await startStandInWithClient({ socketMode: true });
    standIn = started.standIn;
    const app = appFor(started, { appToken: 'xapp-1-revoked', apiUrl: standIn.apiUrl });
    await expect(app.start()).rejects.toThrow(/invalid_auth/);
    expect(JSON.stringify(standIn.calls.to('apps.connections.open'))).not.toContain('xapp-');
  });

  it('starts in HTTP mode without reaching Slack, and survives an unreachable Slack', async () => {
    const started = await startStandInWithClient();
    standIn = started.standIn;
    await standIn.close();
    const app = appFor(started);
    const { port } = await app.start();
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await app.stop();
    }
    standIn = undefined;
  });
});
