import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_BOT_TOKEN } from '../../../src/local/slack/index.ts';
import { budgetedFetch } from '../../../src/slack/budget/budgeted-fetch.ts';
import { createSlackBudget, type SlackBudget } from '../../../src/slack/budget/slack-budget.ts';
import type { SlackCallObserver } from '../../../src/slack/budget/slack-call-observer.ts';
import { createSlackClients } from '../../../src/slack/slack-client.ts';
import { ids, quietLogger, startStandInWithClient } from '../support/slack-stand-in.ts';

type StandIn = Awaited<ReturnType<typeof startStandInWithClient>>['standIn'];

let standIn: StandIn;
let budget: SlackBudget;
const seen: string[] = [];
const observer: SlackCallObserver = {
  answered: (call) => seen.push(`answered ${call.method} ${call.priority} ${call.status}`),
  rateLimited: (call) => seen.push(`rateLimited ${call.method} ${call.retryAfterMs}`),
  shed: (call) => seen.push(`shed ${call.method}`),
};

beforeEach(async () => {
  ({ standIn } = await startStandInWithClient());
  budget = createSlackBudget({ observer });
  seen.length = 0;
});

afterEach(async () => {
  budget.stop();
  await standIn.close();
});

function clients() {
  return createSlackClients({ botToken: LOCAL_BOT_TOKEN, apiUrl: standIn.apiUrl }, quietLogger, {
    budget,
    observer,
  });
}

describe('budgeted fetch (the real WebClient against the Slack stand-in)', () => {
  it('waits out a 429 for the whole lane and sends the same call again', async () => {
    standIn.faults.inject({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 1 });
    const posted = await clients().decision.chat.postMessage({
      channel: ids.approvalsChannel,
      text: 'approve?',
    });
    expect(posted.ok).toBe(true);
    const posts = standIn.calls.to('chat.postMessage');
    expect(posts.map((call) => call.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(standIn.state.messages(ids.approvalsChannel)).toHaveLength(1);
    expect(seen).toEqual(['rateLimited chat.postMessage 1000', 'answered chat.postMessage decision 200']);
  });

  it("answers a person's call with the 429 at once: their trigger would be gone after the pause", async () => {
    standIn.faults.inject({ method: 'chat.postEphemeral', kind: 'ratelimited', retryAfterSeconds: 30 });
    const refused = clients().person.chat.postEphemeral({
      channel: ids.opsChannel,
      user: ids.requester,
      text: 'hi',
    });
    await expect(refused).rejects.toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(standIn.calls.to('chat.postEphemeral')).toHaveLength(1);
  });

  it('sheds a progress call while its lane is paused, sending nothing', async () => {
    const { status, progress } = clients();
    const posted = await status.chat.postMessage({ channel: ids.opsChannel, text: 'card' });
    budget.pause({ method: 'chat.update', priority: 'status' }, 5_000);
    const update = progress.chat.update({ channel: ids.opsChannel, ts: posted.ts ?? '', text: '40%' });
    await expect(update).rejects.toBeInstanceOf(webApi.WebAPIRequestError);
    expect(standIn.calls.to('chat.update')).toEqual([]);
    expect(seen).toContain('shed chat.update');
  });

  it('passes a call that is not a Web API method (a response_url) straight through', async () => {
    const sent: string[] = [];
    const fetch = budgetedFetch({
      budget,
      priority: 'person',
      sendTimeoutMs: 1_000,
      fetch: async (url) => {
        sent.push(String(url));
        return new Response('ok');
      },
    });
    budget.pause({ method: 'chat.postMessage', channel: ids.opsChannel, priority: 'person' }, 5_000);
    await fetch('https://hooks.slack.com/actions/T0/1/abc', { method: 'POST', body: 'x' });
    expect(sent).toEqual(['https://hooks.slack.com/actions/T0/1/abc']);
  });
});
