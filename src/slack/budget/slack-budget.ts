/**
 * One Slack budget for the whole process: every Web API call waits here for its method's (and,
 * for chat.postMessage, its channel's) allowance, spent evenly by a sliding window and by
 * priority: a person waiting first, card progress last. Progress never queues: it goes out only
 * when its lane has room now, else it is shed and the card tries again later with newer content.
 * A 429 pauses the lane for every caller until Slack's Retry-After has passed.
 */
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { CallPriority, SlackCallObserver } from './slack-call-observer.ts';
import {
  type MethodRate,
  POST_MESSAGE_WORKSPACE_RATE,
  SLACK_RATE_TABLE,
  UNLISTED_METHOD_RATE,
} from './slack-rate-table.ts';

export interface BudgetedCall {
  method: string;
  /** The channel a channel-scoped method (chat.postMessage) writes to. */
  channel?: string;
  priority: CallPriority;
  /** Sent again after a 429: it goes ahead of the calls of its priority that came after it. */
  retried?: boolean;
}

export interface SlackBudget {
  /** Runs `send` once the call's lanes allow it; rejects with BudgetShedError for shed progress. */
  run<T>(call: BudgetedCall, send: () => Promise<T>): Promise<T>;
  /** Slack answered 429: nobody sends on the call's lane until `retryAfterMs` have passed. */
  pause(call: BudgetedCall, retryAfterMs: number): void;
  /** Rejects every call still waiting (with an AbortError) and forgets the lanes. */
  stop(): void;
}

export interface SlackBudgetOptions {
  rates?: Readonly<Record<string, MethodRate>>;
  /**
   * The part of each allowance to spend, in percent: below 100 leaves room for the workspace's
   * other apps; above 100 only makes sense against the local stand-in with its limits off.
   */
  percent?: number;
  observer?: SlackCallObserver;
  /**
   * How long a lane's window is: each lets out its share of the per-minute rate at once. Short
   * (1 s): calls leave almost evenly spaced, so the jitter of their trip to Slack never makes two
   * windows' worth arrive together and overrun Slack's burst tolerance, which Slack does not publish.
   */
  windowMs?: number;
}

/** The budget had no room for a call that may be dropped: nothing was sent. */
export class BudgetShedError extends Error {
  constructor(method: string) {
    super(`${method} shed: the Slack budget has no room for progress now`);
    this.name = 'BudgetShedError';
  }
}

const PRIORITY_RANK: Record<CallPriority, number> = { person: 3, decision: 2, status: 1, progress: 0 };

const RETRY_RANK_BONUS = 0.5;

const DEFAULT_WINDOW_MS = 1_000;

interface Lane {
  queue: PQueue;
  resumeAt: number;
  resume?: ReturnType<typeof setTimeout>;
}

export function createSlackBudget(options: SlackBudgetOptions = {}): SlackBudget {
  const rates = options.rates ?? SLACK_RATE_TABLE;
  const share = (options.percent ?? 100) / 100;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const lanes = new Map<string, Lane>();
  let stopping = stopSignal();

  function lane(key: string, allowance: MethodRate): Lane {
    let found = lanes.get(key);
    if (!found) {
      const rate = { ...allowance, perMinute: allowance.perMinute * share };
      const intervalCap = Math.max(1, Math.floor((rate.perMinute * windowMs) / 60_000));
      found = {
        queue: new PQueue({ intervalCap, interval: (60_000 * intervalCap) / rate.perMinute, strict: true }),
        resumeAt: 0,
      };
      lanes.set(key, found);
    }
    return found;
  }

  /** The method's own lane, with the channel's in front of it for a channel-scoped method. */
  function lanesOf(call: BudgetedCall): Lane[] {
    const rate = rates[call.method] ?? UNLISTED_METHOD_RATE;
    if (rate.scope === 'workspace') return [lane(call.method, rate)];
    return [
      lane(`${call.method}@${call.channel ?? ''}`, rate),
      lane(call.method, POST_MESSAGE_WORKSPACE_RATE),
    ];
  }

  const hasRoomNow = ({ queue }: Lane) => !queue.isPaused && queue.size === 0 && !queue.isRateLimited;

  function through<T>(path: Lane[], rank: number, send: () => Promise<T>): Promise<T> {
    const [first, ...rest] = path;
    if (!first) return send();
    return first.queue.add(() => through(rest, rank, send), { priority: rank, signal: stopping.signal });
  }

  return {
    run(call, send) {
      const path = lanesOf(call);
      if (call.priority === 'progress' && !call.retried && !path.every(hasRoomNow)) {
        options.observer?.shed({ method: call.method, priority: call.priority });
        return Promise.reject(new BudgetShedError(call.method));
      }
      return through(path, PRIORITY_RANK[call.priority] + (call.retried ? RETRY_RANK_BONUS : 0), send);
    },
    pause(call, retryAfterMs) {
      // The channel's lane for chat.postMessage: Slack's per-channel limit is the one a burst hits.
      const [paused] = lanesOf(call);
      if (!paused) return;
      const resumeAt = Date.now() + retryAfterMs;
      if (resumeAt <= paused.resumeAt) return;
      paused.resumeAt = resumeAt;
      paused.queue.pause();
      clearTimeout(paused.resume);
      paused.resume = setTimeout(() => paused.queue.start(), retryAfterMs);
      paused.resume.unref();
    },
    stop() {
      stopping.abort();
      stopping = stopSignal();
      for (const { resume } of lanes.values()) clearTimeout(resume);
      lanes.clear();
    },
  };
}

/** Every waiting call listens to one signal, so it has as many listeners as calls wait. */
function stopSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
