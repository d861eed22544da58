import { describe, expect, it } from 'vitest';
import { snapcopyCommand } from '../../../../src/slack/listeners/commands/snapcopy-command.ts';
import { buildArguments, buildDeps, buildService } from '../../support/listener-arguments.ts';
import { buildRequestView } from '../../support/request-views.ts';

function command(text: string, userId = 'U0REQUESTER') {
  return { command: { text, user_id: userId, channel_id: 'C0OPS', trigger_id: 't1', command: '/snapcopy' } };
}

describe('/snapcopy', () => {
  it('answers help in the ack itself', async () => {
    const { args, recorded } = buildArguments(command('help'));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(JSON.stringify(recorded.acks)).toContain('/snapcopy cancel <request-id | batch-id>');
  });

  it('escapes an unknown word it repeats', async () => {
    const { args, recorded } = buildArguments(command('<!here>'));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(JSON.stringify(recorded.acks)).toContain('I do not know `!here`');
  });

  it('acks first, then shows the status privately without buttons', async () => {
    const view = buildRequestView({ status: 'inProgress', copy: { progress: 40 } });
    const { args, recorded } = buildArguments(command(`status ${view.requestId}`));
    await snapcopyCommand(buildDeps(buildService({ get: async () => view })))(args);
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(recorded.responses)).toContain('40%');
    expect(JSON.stringify(recorded.responses)).not.toContain('snapcopy_cancel');
  });

  it('maps a refused cancel to one sentence', async () => {
    const service = buildService({ cancel: async () => ({ ok: false, reason: 'notAllowed' }) });
    const { args, recorded } = buildArguments(command('cancel sc-1', 'U0BYSTANDER'));
    await snapcopyCommand(buildDeps(service))(args);
    expect(recorded.responses[0]?.text).toBe('Only the requester or an approver can cancel request sc-1.');
  });

  it('opens the modal straight after the ack, before any cloud call', async () => {
    const { args, recorded } = buildArguments(command(''));
    await snapcopyCommand(buildDeps(buildService()))(args);
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.calls[0]?.method).toBe('views.open');
    expect(recorded.calls[0]?.args.trigger_id).toBe('t1');
  });
});
