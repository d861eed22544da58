import { describe, expect, it } from 'vitest';
import { buildApprovalMessage } from '../../../src/slack/blocks/approval-message.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../../src/slack/slack-ids.ts';
import { actionIds, allText, expectWithinBlockKitLimits } from '../support/block-kit-checks.ts';
import { APPROVER, buildRequestView } from '../support/request-views.ts';

describe('buildApprovalMessage', () => {
  it('asks with Approve and Reject while the request waits', () => {
    const message = buildApprovalMessage(buildRequestView());
    expect(actionIds(message.blocks)).toEqual([APPROVE_ACTION_ID, REJECT_ACTION_ID]);
    expect(allText(message.blocks)).toContain('<@U0REQUESTER>');
    expect(allText(message.blocks)).toContain('Approval needed: the copy goes to another region');
    expectWithinBlockKitLimits(message.blocks, 50);
  });

  it('shows who approved and when, without buttons', () => {
    const view = buildRequestView({ status: 'copying' });
    view.approval.decidedBy = APPROVER;
    view.approval.decidedAt = Date.UTC(2026, 10, 25, 10, 30);
    const message = buildApprovalMessage(view);
    expect(actionIds(message.blocks)).toEqual([]);
    expect(allText(message.blocks)).toContain('Approved by <@U0APPROVER1> at 2026-11-25 10:30 UTC');
  });

  it('shows who rejected, when and why, without buttons', () => {
    const view = buildRequestView({ status: 'rejected' });
    Object.assign(view.approval, {
      decidedBy: APPROVER,
      decidedAt: Date.UTC(2026, 10, 25, 11),
      rejectReason: 'use <b>',
    });
    const message = buildApprovalMessage(view);
    expect(actionIds(message.blocks)).toEqual([]);
    expect(allText(message.blocks)).toContain(
      'Rejected by <@U0APPROVER1> at 2026-11-25 11:00 UTC: use &lt;b&gt;',
    );
  });

  it('says an undecided request expired or was cancelled', () => {
    expect(allText(buildApprovalMessage(buildRequestView({ status: 'expired' })).blocks)).toContain(
      'Expired',
    );
    const cancelled = buildRequestView({
      status: 'cancelled',
      cancellation: { by: 'U0REQUESTER', at: Date.UTC(2026, 10, 25, 12), outcome: 'beforeCopy' },
    });
    expect(allText(buildApprovalMessage(cancelled).blocks)).toContain('Cancelled by <@U0REQUESTER>');
  });
});
