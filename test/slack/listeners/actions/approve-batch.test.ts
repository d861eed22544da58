import { describe, expect, it } from 'vitest';
import { approveBatch } from '../../../../src/slack/listeners/actions/approve-batch.ts';
import type { BatchDecisionResult } from '../../../../src/workflow/batch/copy-batch-service.ts';
import { BATCH_ID, buildBatchView } from '../../support/batch-views.ts';
import {
  buildArguments,
  buildBatchService,
  buildDeps,
  buildService,
} from '../../support/listener-arguments.ts';

function click(userId: string, value: string) {
  return {
    body: { type: 'block_actions', user: { id: userId }, channel: { id: 'C0APPROVALS' } },
    action: { type: 'button', action_id: 'snapcopy_batch_approve', value },
  };
}

async function approve(value: string, result: BatchDecisionResult) {
  const calls: unknown[][] = [];
  const batches = buildBatchService({
    approve: async (...args) => {
      calls.push(args);
      return result;
    },
  });
  const { args, recorded } = buildArguments(click('U0APPROVER1', value));
  await approveBatch(buildDeps(buildService(), batches))(args);
  return { calls, recorded };
}

describe('Approve batch', () => {
  it('passes the batch ID and the digest from the button to the service, and says nothing more', async () => {
    const { calls, recorded } = await approve(`${BATCH_ID}:0123456789abcdef`, {
      ok: true,
      batch: buildBatchView({ status: 'running' }),
    });
    expect(calls).toEqual([[BATCH_ID, 'U0APPROVER1', '0123456789abcdef']]);
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.responses).toEqual([]);
  });

  it('tells the approver privately when the selection changed since the message was built', async () => {
    const { recorded } = await approve(`${BATCH_ID}:0123456789abcdef`, {
      ok: false,
      reason: 'selectionChanged',
    });
    expect(recorded.responses).toEqual([
      expect.objectContaining({
        response_type: 'ephemeral',
        text: expect.stringContaining('no longer holds the snapshots you were shown'),
      }),
    ]);
  });

  it('ignores a value snapcopy did not build, without calling the service', async () => {
    const { calls, recorded } = await approve('sc-abcdefghij', { ok: true, batch: buildBatchView() });
    expect(calls).toEqual([]);
    expect(recorded.acks).toEqual([undefined]);
  });
});
