/**
 * The seam that puts every Web API call under the Slack budget: the `fetch` the WebClient (ours
 * and Bolt's) sends through. It reads the method from the URL and the channel from the body,
 * waits for the budget, sends with its own timeout (the client's would run out while the call
 * waits its turn), and on a 429 pauses the lane for everyone, then sends the same request again.
 * Anything that is not a Web API call (a response_url) passes straight through.
 */
import type { webApi } from '@slack/bolt';
import type { SlackBudget } from './slack-budget.ts';
import { type CallPriority, NO_CALL_OBSERVER, type SlackCallObserver } from './slack-call-observer.ts';

type FetchFunction = webApi.FetchFunction;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export interface BudgetedFetchOptions {
  budget: SlackBudget;
  /** Who waits for the calls of the client this fetch serves. */
  priority: CallPriority;
  /** Bound on one send, from leaving the budget to the answer. */
  sendTimeoutMs: number;
  observer?: SlackCallObserver;
  fetch?: FetchFunction;
}

/**
 * A person's call is answered at once, even with a 429: by the time the lane reopens, the
 * trigger or the 3 s they were given is gone. Others try again after the pause, a bounded
 * number of times, so a workspace that keeps refusing surfaces as an error to the outbox.
 */
const RATE_LIMIT_RETRIES: Record<CallPriority, number> = { person: 0, decision: 3, status: 3, progress: 1 };
/** Slack always sends Retry-After with a 429; this covers an answer without one. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export function budgetedFetch(options: BudgetedFetchOptions): FetchFunction {
  const { budget, priority, sendTimeoutMs } = options;
  const observer = options.observer ?? NO_CALL_OBSERVER;
  const send = options.fetch ?? globalThis.fetch;

  return async (input, init) => {
    const method = webApiMethod(input);
    if (!method) return send(input, init);
    const call = { method, priority, ...channelOf(init?.body) };
    const queuedAt = Date.now();
    let sentAt = queuedAt;
    for (let retries = 0; ; retries++) {
      const response = await budget.run({ ...call, retried: retries > 0 }, () => {
        sentAt = Date.now();
        return send(input, { ...init, signal: AbortSignal.timeout(sendTimeoutMs) });
      });
      if (response.status !== 429 || retries >= RATE_LIMIT_RETRIES[priority]) {
        observer.answered({ method, priority, queuedMs: sentAt - queuedAt, status: response.status });
        return response;
      }
      const retryAfterMs = retryAfterMsOf(response);
      observer.rateLimited({ method, retryAfterMs });
      budget.pause(call, retryAfterMs);
      await response.arrayBuffer();
    }
  };
}

function webApiMethod(input: string | URL): string | undefined {
  const url = typeof input === 'string' ? input : input.href;
  return /\/api\/([a-zA-Z0-9_.]+)(?:\?|$)/.exec(url)?.[1];
}

/** The WebClient sends form-encoded bodies (multipart when a file is attached). */
function channelOf(body: string | FormData | undefined): { channel?: string } {
  const channel = typeof body === 'string' ? new URLSearchParams(body).get('channel') : body?.get('channel');
  return typeof channel === 'string' && channel !== '' ? { channel } : {};
}

function retryAfterMsOf(response: FetchResponse): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
}
