import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../../../src/domain/copy-request.ts';
import { requestSubmitted } from '../../../../src/slack/listeners/views/request-submitted.ts';
import { buildArguments, buildDeps, buildService } from '../../support/listener-arguments.ts';

const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
const text = (value: string) => ({ type: 'plain_text_input', value });

function submission(values: Record<string, Record<string, unknown>>) {
  const view = {
    id: 'V0MODAL',
    callback_id: 'snapcopy_request',
    private_metadata: JSON.stringify({ channelId: 'C0OPS' }),
    blocks: [
      'source_region',
      'source_snapshot',
      'destination_region',
      'copy_type',
      'name',
      'tags',
      'reason',
    ].map((blockId) => ({ type: 'input', block_id: blockId })),
    state: { values },
  };
  return { body: { type: 'view_submission', user: { id: 'U0REQUESTER' }, view }, view };
}

const complete = {
  source_region: { source_region_select: select('cn-hangzhou') },
  source_snapshot: { source_snapshot_select: select('s-bp1web01sys00000002') },
  destination_region: { destination_region_select: select('cn-shanghai') },
  copy_type: { copy_type_radio: select('copy') },
  name: { name_input: text('dr-copy') },
  reason: { reason_input: text('DR drill') },
};

describe('request modal submission', () => {
  it('shows form problems inline without asking the service', async () => {
    const { args, recorded } = buildArguments(submission({ tags: { tags_input: text('no-equals') } }));
    await requestSubmitted(buildDeps(buildService()))(args);
    const ack = recorded.acks[0] as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(
      ['copy_type', 'destination_region', 'name', 'source_region', 'source_snapshot', 'tags'].sort(),
    );
  });

  it("puts the service's refusals on their inputs", async () => {
    const refusal: Refusal = {
      code: 'sourceSnapshotId.archived',
      field: 'sourceSnapshotId',
      message: 'Archived.',
    };
    const { args, recorded } = buildArguments(submission(complete));
    await requestSubmitted(buildDeps(buildService({ check: async () => [refusal] })))(args);
    expect(recorded.acks).toEqual([{ response_action: 'errors', errors: { source_snapshot: 'Archived.' } }]);
  });

  it('closes the modal, then submits for the requester in the channel it was asked in', async () => {
    const submitted: unknown[] = [];
    const service = buildService({
      check: async () => [],
      submit: async (parameters, requester, submissionId) => {
        submitted.push({ parameters, requester, submissionId });
        return { ok: false, refusals: [{ code: 'x', field: 'name', message: 'Taken meanwhile.' }] };
      },
    });
    const { args, recorded } = buildArguments(submission(complete));
    await requestSubmitted(buildDeps(service))(args);
    expect(recorded.acks).toEqual([undefined]);
    expect(submitted).toEqual([
      expect.objectContaining({
        requester: { userId: 'U0REQUESTER', channelId: 'C0OPS' },
        submissionId: 'V0MODAL',
      }),
    ]);
    const ephemeral = recorded.calls.find((c) => c.method === 'chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: 'C0OPS', user: 'U0REQUESTER' });
    expect(String(ephemeral?.args.text)).toContain('Taken meanwhile.');
  });

  it('falls back to the rules that need no cloud when the check cannot answer in time', async () => {
    const slow = buildService({ check: () => new Promise(() => undefined) });
    const sameRegion = {
      ...complete,
      destination_region: { destination_region_select: select('cn-hangzhou') },
    };
    const { args, recorded } = buildArguments(submission(sameRegion));
    await requestSubmitted(buildDeps(slow))(args);
    const ack = recorded.acks[0] as { errors: Record<string, string> };
    expect(ack.errors.destination_region).toMatch(/different region/);
  });
});
