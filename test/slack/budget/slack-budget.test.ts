import { afterEach, describe, expect, it } from 'vitest';
import {
  BudgetShedError,
  createSlackBudget,
  type SlackBudget,
} from '../../../src/slack/budget/slack-budget.ts';
import type { CallPriority } from '../../../src/slack/budget/slack-call-observer.ts';

/** One call per 100 ms on every lane: small enough to watch the order calls leave in. */
const RATES = {
  'chat.update': { perMinute: 600, scope: 'workspace' as const },
  'chat.postMessage': { perMinute: 600, scope: 'channel' as const },
  'views.open': { perMinute: 600, scope: 'workspace' as const },
};

let budget: SlackBudget;
afterEach(() => budget.stop());

function recorder() {
  const sent: string[] = [];
  const call = (name: string, method: string, priority: CallPriority, channel?: string) =>
    budget.run({ method, priority, ...(channel ? { channel } : {}) }, async () => {
      sent.push(name);
      return name;
    });
  return { sent, call };
}

describe('Slack budget', () => {
  it("spends a method's allowance on the waiting calls by priority: a person first, progress never queued", async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { sent, call } = recorder();
    const first = call('first status', 'chat.update', 'status');
    const waiting = [call('status', 'chat.update', 'status'), call('decision', 'chat.update', 'decision')];
    waiting.push(call('person', 'chat.update', 'person'));
    await expect(call('progress', 'chat.update', 'progress')).rejects.toBeInstanceOf(BudgetShedError);
    await Promise.all([first, ...waiting]);
    expect(sent).toEqual(['first status', 'person', 'decision', 'status']);
  });

  it('lets progress out when its lane has room now', async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { call } = recorder();
    await expect(call('progress', 'chat.update', 'progress')).resolves.toBe('progress');
  });

  it('keeps each channel of chat.postMessage in its own lane, and methods apart', async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { sent, call } = recorder();
    await Promise.all([
      call('ops 1', 'chat.postMessage', 'decision', 'C0OPS'),
      call('ops 2', 'chat.postMessage', 'decision', 'C0OPS'),
      call('approvals 1', 'chat.postMessage', 'decision', 'C0APPROVALS'),
      call('modal', 'views.open', 'person'),
    ]);
    expect(sent.indexOf('approvals 1')).toBeLessThan(sent.indexOf('ops 2'));
    expect(sent.indexOf('modal')).toBeLessThan(sent.indexOf('ops 2'));
  });

  it('pauses a lane for everyone after a 429, and only that lane', async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { sent, call } = recorder();
    await call('before', 'chat.update', 'status');
    budget.pause({ method: 'chat.update', priority: 'status' }, 400);
    const pausedAt = Date.now();
    const resumed = call('after', 'chat.update', 'person').then(() => Date.now() - pausedAt);
    await call('modal', 'views.open', 'person');
    expect(await resumed).toBeGreaterThanOrEqual(390);
    expect(sent).toEqual(['before', 'modal', 'after']);
  });

  it("pauses only the channel's lane of chat.postMessage", async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { sent, call } = recorder();
    budget.pause({ method: 'chat.postMessage', channel: 'C0OPS', priority: 'decision' }, 300);
    await Promise.all([
      call('ops', 'chat.postMessage', 'decision', 'C0OPS'),
      call('approvals', 'chat.postMessage', 'decision', 'C0APPROVALS'),
    ]);
    expect(sent).toEqual(['approvals', 'ops']);
  });

  it('spends only its percentage of each allowance', async () => {
    const thirdCallAfter = async (percent: number) => {
      budget = createSlackBudget({ rates: RATES, windowMs: 100, percent });
      const { call } = recorder();
      const startedAt = Date.now();
      await Promise.all([1, 2, 3].map((n) => call(`update ${n}`, 'chat.update', 'status')));
      budget.stop();
      return Date.now() - startedAt;
    };
    // 600 a minute lets one out every 100 ms; half of it, one every 200 ms.
    const half = await thirdCallAfter(50);
    expect(half).toBeGreaterThanOrEqual(390);
    expect(await thirdCallAfter(100)).toBeLessThan(half);
  });

  it('rejects the calls still waiting when stopped, and sends none of them', async () => {
    budget = createSlackBudget({ rates: RATES, windowMs: 100 });
    const { sent, call } = recorder();
    await call('sent', 'chat.update', 'status');
    const waiting = call('waiting', 'chat.update', 'status');
    budget.stop();
    await expect(waiting).rejects.toThrow();
    expect(sent).toEqual(['sent']);
  });
});
