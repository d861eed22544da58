import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../src/observability/metrics.ts';
import { decisionOf } from '../../src/observability/workflow-metrics.ts';
import type { RuntimeCensus } from '../../src/workflow/runtime-census.ts';
import { APPROVER, buildRequestView } from '../slack/support/request-views.ts';

const MINUTE_MS = 60_000;
const created = buildRequestView().createdAt;

/** The sample lines of the scrape whose name and labels start as given. */
async function samples(metrics: ReturnType<typeof createBotMetrics>, prefix: string): Promise<string[]> {
  const { body } = await metrics.scrape();
  return body.split('\n').filter((line) => line.startsWith(prefix));
}

describe('workflow metrics', () => {
  it('counts transitions, how approval waits ended, and how long they and the copies took', async () => {
    const metrics = createBotMetrics({ replica: 'r1' });
    const decided = { required: true, reasons: [], decidedBy: APPROVER, decidedAt: created + 30 * MINUTE_MS };
    metrics.workflow.moved({
      from: 'awaitingApproval',
      request: buildRequestView({ status: 'copying', approval: decided }),
    });
    metrics.workflow.moved({
      from: 'awaitingApproval',
      request: buildRequestView({ status: 'expired', updatedAt: created + 24 * 60 * MINUTE_MS }),
    });
    const copy = { progress: 100, startedAt: created, finishedAt: created + 10 * MINUTE_MS };
    metrics.workflow.moved({ from: 'inProgress', request: buildRequestView({ status: 'done', copy }) });

    expect(await samples(metrics, 'snapcopy_request_transitions_total')).toEqual([
      'snapcopy_request_transitions_total{from="awaitingApproval",to="copying"} 1',
      'snapcopy_request_transitions_total{from="awaitingApproval",to="expired"} 1',
      'snapcopy_request_transitions_total{from="inProgress",to="done"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_approval_decisions_total')).toEqual([
      'snapcopy_approval_decisions_total{decision="approved"} 1',
      'snapcopy_approval_decisions_total{decision="expired"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_approval_wait_seconds_sum')).toEqual([
      `snapcopy_approval_wait_seconds_sum ${30 * 60 + 24 * 3600}`,
    ]);
    expect(await samples(metrics, 'snapcopy_copy_duration_seconds_sum')).toEqual([
      'snapcopy_copy_duration_seconds_sum 600',
    ]);
    expect(await samples(metrics, 'snapcopy_copy_duration_seconds_bucket{le="900"}')).toEqual([
      'snapcopy_copy_duration_seconds_bucket{le="900"} 1',
    ]);
  });

  it('tells automatic approvals from decisions and a cancelled wait from both', () => {
    const automatic = { required: false, reasons: [], automatic: true, decidedAt: created };
    expect(
      decisionOf({
        from: 'estimating',
        request: buildRequestView({ status: 'copying', approval: automatic }),
      }),
    ).toBe('automatic');
    expect(decisionOf({ from: 'awaitingApproval', request: buildRequestView({ status: 'rejected' }) })).toBe(
      'rejected',
    );
    expect(
      decisionOf({ from: 'awaitingApproval', request: buildRequestView({ status: 'cancelled' }) }),
    ).toBeUndefined();
    expect(
      decisionOf({ from: 'copying', request: buildRequestView({ status: 'inProgress' }) }),
    ).toBeUndefined();
  });
});

describe('call metrics', () => {
  it('counts cloud API requests and their errors by action and code', async () => {
    const metrics = createBotMetrics({ replica: 'r1' });
    metrics.cloudCalls.sent('CopySnapshot');
    metrics.cloudCalls.sent('CopySnapshot');
    metrics.cloudCalls.failed('CopySnapshot', 'Throttling');
    expect(await samples(metrics, 'snapcopy_cloud_api_')).toEqual([
      'snapcopy_cloud_api_calls_total{action="CopySnapshot"} 2',
      'snapcopy_cloud_api_errors_total{action="CopySnapshot",code="Throttling"} 1',
    ]);
  });

  it('counts Slack calls, every 429 (waited out or handed back), shed progress and the queue wait', async () => {
    const metrics = createBotMetrics({ replica: 'r1' });
    const { slackCalls } = metrics;
    slackCalls.answered({ method: 'chat.update', priority: 'status', queuedMs: 1500, status: 200 });
    slackCalls.rateLimited({ method: 'chat.update', retryAfterMs: 1000 });
    slackCalls.answered({ method: 'views.open', priority: 'person', queuedMs: 0, status: 429 });
    slackCalls.shed({ method: 'chat.update', priority: 'progress' });
    expect(await samples(metrics, 'snapcopy_slack_api_calls_total')).toEqual([
      'snapcopy_slack_api_calls_total{method="chat.update",priority="status"} 1',
      'snapcopy_slack_api_calls_total{method="views.open",priority="person"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_slack_rate_limited_total')).toEqual([
      'snapcopy_slack_rate_limited_total{method="chat.update"} 1',
      'snapcopy_slack_rate_limited_total{method="views.open"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_slack_shed_total')).toEqual([
      'snapcopy_slack_shed_total{method="chat.update"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_slack_queue_wait_seconds_sum{method="chat.update"}')).toEqual([
      'snapcopy_slack_queue_wait_seconds_sum{method="chat.update"} 1.5',
    ]);
  });

  it('times an ack until its response is sent', async () => {
    const metrics = createBotMetrics({ replica: 'r1' });
    const response = new EventEmitter();
    metrics.ackStarted(response as ServerResponse);
    expect(await samples(metrics, 'snapcopy_slack_ack_seconds_count')).toEqual([
      'snapcopy_slack_ack_seconds_count 0',
    ]);
    response.emit('finish');
    expect(await samples(metrics, 'snapcopy_slack_ack_seconds_count')).toEqual([
      'snapcopy_slack_ack_seconds_count 1',
    ]);
  });
});

describe('scrape-time gauges', () => {
  it('show what the runtime counts at each scrape, forgetting states and regions that emptied', async () => {
    const metrics = createBotMetrics({ replica: 'r1' });
    let census: RuntimeCensus = {
      requests: { inProgress: 2, awaitingApproval: 1 },
      copiesInFlight: { 'ap-southeast-1': 2 },
      copiesQueued: { 'ap-southeast-1': 4 },
      batches: { running: 1 },
      undeliveredSlots: 3,
    };
    let leading = true;
    metrics.watch({ census: async () => census, isLeading: () => leading });
    expect(await samples(metrics, 'snapcopy_open_requests')).toEqual([
      'snapcopy_open_requests{state="inProgress"} 2',
      'snapcopy_open_requests{state="awaitingApproval"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_copies_in_flight')).toEqual([
      'snapcopy_copies_in_flight{region="ap-southeast-1"} 2',
    ]);
    expect(await samples(metrics, 'snapcopy_copies_queued')).toEqual([
      'snapcopy_copies_queued{region="ap-southeast-1"} 4',
    ]);
    expect(await samples(metrics, 'snapcopy_open_batches')).toEqual([
      'snapcopy_open_batches{state="running"} 1',
    ]);
    expect(await samples(metrics, 'snapcopy_outbox_undelivered')).toEqual(['snapcopy_outbox_undelivered 3']);
    expect(await samples(metrics, 'snapcopy_leader')).toEqual(['snapcopy_leader{replica="r1"} 1']);

    census = {
      requests: { awaitingApproval: 3 },
      copiesInFlight: {},
      copiesQueued: {},
      batches: {},
      undeliveredSlots: 0,
    };
    leading = false;
    expect(await samples(metrics, 'snapcopy_open_requests')).toEqual([
      'snapcopy_open_requests{state="awaitingApproval"} 3',
    ]);
    expect(await samples(metrics, 'snapcopy_copies_in_flight')).toEqual([]);
    expect(await samples(metrics, 'snapcopy_copies_queued')).toEqual([]);
    expect(await samples(metrics, 'snapcopy_open_batches')).toEqual([]);
    expect(await samples(metrics, 'snapcopy_leader')).toEqual(['snapcopy_leader{replica="r1"} 0']);
  });
});

describe('the registry', () => {
  it('is one per bot, in the Prometheus text format, with the process metrics', async () => {
    const first = createBotMetrics({ replica: 'a' });
    const second = createBotMetrics({ replica: 'b' });
    first.cloudCalls.sent('DescribeRegions');
    expect(await samples(second, 'snapcopy_cloud_api_calls_total')).toEqual([]);
    const scrape = await first.scrape();
    expect(scrape.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(scrape.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
