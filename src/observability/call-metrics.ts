/** Turns what the cloud gateway and the Slack budget report about their calls into metrics. */
import type { ServerResponse } from 'node:http';
import type { Counter, Histogram } from 'prom-client';
import type { CloudCallObserver } from '../cloud/cloud-call-observer.ts';
import type { SlackCallObserver } from '../slack/budget/slack-call-observer.ts';

export function cloudCallMetrics(metrics: {
  calls: Counter<'action'>;
  errors: Counter<'action' | 'code'>;
}): CloudCallObserver {
  return {
    sent: (action) => metrics.calls.inc({ action }),
    failed: (action, code) => metrics.errors.inc({ action, code }),
  };
}

export function slackCallMetrics(metrics: {
  calls: Counter<'method' | 'priority'>;
  rateLimited: Counter<'method'>;
  shed: Counter<'method'>;
  queueWait: Histogram<'method'>;
}): SlackCallObserver {
  return {
    answered({ method, priority, queuedMs, status }) {
      metrics.calls.inc({ method, priority });
      // `rateLimited` reports the 429s the budget waits out; a 429 it hands back arrives here.
      if (status === 429) metrics.rateLimited.inc({ method });
      metrics.queueWait.observe({ method }, queuedMs / 1000);
    },
    rateLimited: ({ method }) => metrics.rateLimited.inc({ method }),
    shed: ({ method }) => metrics.shed.inc({ method }),
  };
}

/** 'finish': the ack has been handed to the network; a dropped connection never acked and is not timed. */
export function timeAck(response: ServerResponse, ack: Histogram): void {
  const stop = ack.startTimer();
  response.once('finish', () => stop());
}
