import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The value of one sample line, e.g. `snapcopy_leader{replica="sole"}`. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('shows a finished copy, its cloud and Slack calls, and the acks, in Prometheus text', async () => {
    harness = await Harness.start();
    const { request } = await harness.request({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1web01sys00000002',
      destinationRegionId: 'cn-hangzhou',
      copyType: 'copyAndEncrypt',
      key: 'default',
    });
    await harness.waitForStatus(request!.requestId, 'done');

    const response = await fetch(`http://127.0.0.1:${harness.running.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    // Until it is archived a finished request still shows as open, in its final state.
    expect(sample(body, 'snapcopy_open_requests{state="inProgress"}')).toBeUndefined();
    expect(sample(body, 'snapcopy_open_requests{state="done"}') ?? 0).toBeLessThanOrEqual(1);
    expect(sample(body, 'snapcopy_request_transitions_total{from="inProgress",to="done"}')).toBe(1);
    expect(sample(body, 'snapcopy_approval_decisions_total{decision="automatic"}')).toBe(1);
    expect(sample(body, 'snapcopy_copy_duration_seconds_count')).toBe(1);
    expect(sample(body, 'snapcopy_cloud_api_calls_total{action="CopySnapshot"}')).toBe(1);
    expect(sample(body, 'snapcopy_slack_api_calls_total{method="views.open",priority="person"}')).toBe(1);
    expect(
      sample(body, 'snapcopy_slack_api_calls_total{method="chat.postMessage",priority="status"}'),
    ).toBeGreaterThan(0);
    expect(sample(body, 'snapcopy_slack_queue_wait_seconds_count{method="views.open"}')).toBe(1);
    // The slash command, the picks, the options search and the submission were each acked.
    expect(sample(body, 'snapcopy_slack_ack_seconds_count')).toBeGreaterThanOrEqual(4);
    expect(sample(body, 'snapcopy_leader{replica="sole"}')).toBe(1);
    expect(body).toMatch(/^process_resident_memory_bytes \d/m);
  });
});
