import { describe, expect, it } from 'vitest';
import { snapcopyCommand } from '../../../../src/slack/listeners/commands/snapcopy-command.ts';
import { BATCH_ID, buildBatchView } from '../../support/batch-views.ts';
import {
  buildArguments,
  buildBatchService,
  buildDeps,
  buildService,
} from '../../support/listener-arguments.ts';
import { buildRequestView } from '../../support/request-views.ts';

function command(text: string, userId = 'U0REQUESTER') {
  return { command: { text, user_id: userId, channel_id: 'C0OPS', trigger_id: 't1', command: '/snapcopy' } };
}

describe('/snapcopy and batches', () => {
  it('shows a batch card privately, without its Cancel button', async () => {
    const batches = buildBatchService({
      get: async (id) => (id === BATCH_ID ? buildBatchView() : undefined),
    });
    const { args, recorded } = buildArguments(command(`status ${BATCH_ID}`));
    await snapcopyCommand(buildDeps(buildService(), batches))(args);
    expect(recorded.responses[0]).toMatchObject({ response_type: 'ephemeral' });
    const shown = JSON.stringify(recorded.responses);
    expect(shown).toContain(`Batch copy ${BATCH_ID}`);
    expect(shown).toContain('every disk of instance');
    expect(shown).not.toContain('snapcopy_batch_cancel');
  });

  it('says so when the batch does not exist', async () => {
    const { args, recorded } = buildArguments(command('status sb-zzzzzzzzzz'));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(recorded.responses[0]?.text).toBe('I cannot find batch sb-zzzzzzzzzz.');
  });

  it('cancels a batch by its ID and maps a refusal to one sentence', async () => {
    const batches = buildBatchService({ cancel: async () => ({ ok: false, reason: 'alreadyFinished' }) });
    const { args, recorded } = buildArguments(command(`cancel ${BATCH_ID}`));
    await snapcopyCommand(buildDeps(buildService(), batches))(args);
    expect(recorded.responses[0]?.text).toBe(
      `Batch ${BATCH_ID} has already finished (unknown status); there is nothing to cancel.`,
    );
  });

  it('lists a batch as one line beside single requests, and none of its items', async () => {
    const single = buildRequestView({ requestId: 'sc-single0001' });
    const item = buildRequestView({ requestId: `${BATCH_ID}-001`, batch: { batchId: BATCH_ID, index: 0 } });
    const service = buildService({ listByRequester: async () => [single, item] });
    const batches = buildBatchService({ listByRequester: async () => [buildBatchView()] });
    const { args, recorded } = buildArguments(command('list'));
    await snapcopyCommand(buildDeps(service, batches))(args);
    const shown = JSON.stringify(recorded.responses);
    expect(shown).toContain('sc-single0001');
    expect(shown).toContain(`*${BATCH_ID}* · 3 snapshots`);
    expect(shown).not.toContain(`${BATCH_ID}-001`);
  });
});

describe('/snapcopy instance and tag', () => {
  it('opens the modal in the instance mode with the instance filled in', async () => {
    const { args, recorded } = buildArguments(command('instance i-bp1abc123'));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.calls[0]?.method).toBe('views.open');
  });

  it.each([
    ['instance', 'Usage: `/snapcopy instance <instance-id>`'],
    ['instance s-notaninstance', 'Usage: `/snapcopy instance <instance-id>`'],
    ['tag', 'Usage: `/snapcopy tag <key>=<value>'],
    ['tag app', 'Usage: `/snapcopy tag <key>=<value>'],
  ])('answers `%s` with its usage in the ack, opening nothing', async (text, usage) => {
    const { args, recorded } = buildArguments(command(text));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(JSON.stringify(recorded.acks)).toContain(usage);
    expect(recorded.calls).toEqual([]);
  });
});
