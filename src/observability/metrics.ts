/**
 * The bot's Prometheus metrics: one Registry per bot (several bots in one test process must not
 * share counters), the process metrics prom-client collects, and the snapcopy_ metrics, fed by the
 * observer ports of the workflow, the cloud gateway and the Slack budget. Gauges of what the
 * runtime holds are read from it at each scrape rather than kept up to date on every change.
 */
import type { ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CloudCallObserver } from '../cloud/cloud-call-observer.ts';
import type { SlackCallObserver } from '../slack/budget/slack-call-observer.ts';
import type { RuntimeCensus } from '../workflow/runtime-census.ts';
import type { WorkflowObserver } from '../workflow/workflow-observer.ts';
import { cloudCallMetrics, slackCallMetrics, timeAck } from './call-metrics.ts';
import { workflowMetrics } from './workflow-metrics.ts';

/** The part of the runtime the scrape-time gauges read. */
export interface MetricsSource {
  census(): Promise<RuntimeCensus>;
  isLeading(): boolean;
}

export interface MetricsScrape {
  contentType: string;
  body: string;
}

export interface BotMetrics {
  readonly workflow: WorkflowObserver;
  readonly cloudCalls: CloudCallObserver;
  readonly slackCalls: SlackCallObserver;
  /** A Slack request arrived (HTTP mode): its ack is timed until the response is sent. */
  ackStarted(response: ServerResponse): void;
  /** The runtime whose requests, copies, outbox and leadership the gauges show. */
  watch(source: MetricsSource): void;
  scrape(): Promise<MetricsScrape>;
}

const MINUTE = 60;
const HOUR = 3600;
/** Slack waits 3 s for an ack. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const QUEUE_WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Approvals wait for a person: minutes to the approval TTL (a day by default). */
const APPROVAL_WAIT_BUCKETS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  4 * HOUR,
  12 * HOUR,
  24 * HOUR,
  48 * HOUR,
];
/** Copies take minutes for small snapshots, hours for large ones across regions. */
const COPY_BUCKETS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

export function createBotMetrics(options: { replica: string }): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge({ name, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) => new Histogram({ name, help, labelNames, buckets, registers });

  const requests = gauge('snapcopy_open_requests', 'Requests not archived yet, by state.', ['state']);
  const copiesInFlight = gauge(
    'snapcopy_copies_in_flight',
    'Snapshot copies the cloud is making, by destination region.',
    ['region'],
  );
  const copiesQueued = gauge(
    'snapcopy_copies_queued',
    'Requests waiting for a copy slot (SNAPCOPY_MAX_COPIES_PER_REGION), by destination region.',
    ['region'],
  );
  const batches = gauge('snapcopy_open_batches', 'Batches not archived yet, by state.', ['state']);
  const outboxBacklog = gauge(
    'snapcopy_outbox_undelivered',
    'Notification slots (card, approval, outcome) whose latest revision is not delivered yet.',
    [],
  );
  const leader = gauge('snapcopy_leader', '1 while this replica runs the requests, else 0.', ['replica']);
  let source: MetricsSource | undefined;

  async function readSource(): Promise<void> {
    if (!source) return;
    const census = await source.census();
    requests.reset();
    for (const [state, count] of Object.entries(census.requests)) requests.set({ state }, count);
    batches.reset();
    for (const [state, count] of Object.entries(census.batches)) batches.set({ state }, count);
    for (const [perRegion, counts] of [
      [copiesInFlight, census.copiesInFlight],
      [copiesQueued, census.copiesQueued],
    ] as const) {
      perRegion.reset();
      for (const [region, count] of Object.entries(counts)) perRegion.set({ region }, count);
    }
    outboxBacklog.set(census.undeliveredSlots);
    leader.set({ replica: options.replica }, source.isLeading() ? 1 : 0);
  }

  const ack = histogram(
    'snapcopy_slack_ack_seconds',
    'From a Slack request arriving to its ack sent.',
    [],
    ACK_BUCKETS,
  );

  return {
    workflow: workflowMetrics({
      transitions: counter('snapcopy_request_transitions_total', 'Request status changes written.', [
        'from',
        'to',
      ]),
      decisions: counter('snapcopy_approval_decisions_total', 'How approval waits ended.', ['decision']),
      approvalWait: histogram(
        'snapcopy_approval_wait_seconds',
        'From submission to the approval decision or expiry.',
        [],
        APPROVAL_WAIT_BUCKETS,
      ),
      copyDuration: histogram(
        'snapcopy_copy_duration_seconds',
        'From CopySnapshot accepted to the copy finished.',
        [],
        COPY_BUCKETS,
      ),
    }),
    cloudCalls: cloudCallMetrics({
      calls: counter('snapcopy_cloud_api_calls_total', 'Cloud API requests sent, retries included.', [
        'action',
      ]),
      errors: counter('snapcopy_cloud_api_errors_total', 'Cloud API requests that failed, by error code.', [
        'action',
        'code',
      ]),
    }),
    slackCalls: slackCallMetrics({
      calls: counter('snapcopy_slack_api_calls_total', 'Slack Web API calls answered.', [
        'method',
        'priority',
      ]),
      rateLimited: counter('snapcopy_slack_rate_limited_total', 'Slack Web API answers with 429.', [
        'method',
      ]),
      shed: counter('snapcopy_slack_shed_total', 'Card progress calls dropped for lack of budget.', [
        'method',
      ]),
      queueWait: histogram(
        'snapcopy_slack_queue_wait_seconds',
        'Time a Slack Web API call waited for the budget before it was sent.',
        ['method'],
        QUEUE_WAIT_BUCKETS,
      ),
    }),
    ackStarted: (response) => timeAck(response, ack),
    watch(watched) {
      source = watched;
    },
    async scrape() {
      await readSource();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
