import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../../src/slack/listeners/actions/approve-request.ts';
import type { DecisionResult } from '../../../../src/workflow/copy-request-service.ts';
import { buildArguments, buildDeps, buildService } from '../../support/listener-arguments.ts';
import { APPROVER, buildRequestView } from '../../support/request-views.ts';

function click(userId: string, value: string | null = 'sc-abcdefghij') {
  return {
    body: { type: 'block_actions', user: { id: userId }, channel: { id: 'C0APPROVALS' } },
    action: { type: 'button', action_id: 'snapcopy_approve', ...(value ? { value } : {}) },
  };
}

async function approveAs(userId: string, result: DecisionResult) {
  const { args, recorded } = buildArguments(click(userId));
  await approveRequest(buildDeps(buildService({ approve: async () => result })))(args);
  return recorded;
}

describe('Approve', () => {
  it('tells a non-approver privately that only approvers can approve', async () => {
    const recorded = await approveAs('U0BYSTANDER', { ok: false, reason: 'notAllowed' });
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.responses).toEqual([
      expect.objectContaining({
        response_type: 'ephemeral',
        text: 'Only approvers can approve or reject snapcopy requests.',
      }),
    ]);
  });

  it('tells the requester they cannot approve their own request', async () => {
    const recorded = await approveAs('U0REQUESTER', { ok: false, reason: 'selfApproval' });
    expect(recorded.responses[0]?.text).toContain('cannot approve or reject your own request');
  });

  it('names who decided first when another approver was quicker', async () => {
    const request = buildRequestView({ status: 'copying' });
    Object.assign(request.approval, { decidedBy: APPROVER, decidedAt: Date.UTC(2026, 10, 25, 10) });
    const recorded = await approveAs('U0APPROVER2', { ok: false, reason: 'alreadyDecided', request });
    expect(recorded.responses[0]?.text).toBe(
      'Request sc-abcdefghij was already approved by <@U0APPROVER1> at 2026-11-25 10:00 UTC.',
    );
  });

  it('says nothing more on success: the messages show the decision', async () => {
    const recorded = await approveAs(APPROVER, {
      ok: true,
      request: buildRequestView({ status: 'copying' }),
    });
    expect(recorded.responses).toEqual([]);
  });

  it('acks a click without a request ID and does nothing else', async () => {
    const service = buildService();
    const { args, recorded } = buildArguments(click(APPROVER, null));
    await approveRequest(buildDeps(service))(args);
    expect(recorded.acks).toEqual([undefined]);
    expect(recorded.responses).toEqual([]);
  });
});
