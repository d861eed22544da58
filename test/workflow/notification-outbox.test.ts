import { describe, expect, it } from 'vitest';
import { isDrained, markDelivered, type Outbox, planOutbox } from '../../src/workflow/notification-outbox.ts';
import type { RequestView } from '../../src/workflow/request-view.ts';
import { parameters, REQUESTER, T0 } from './machine-fixtures.ts';

const view = (overrides: Partial<RequestView>): RequestView => ({
  requestId: 'sc-abcdefghij',
  status: 'validating',
  parameters,
  requester: { userId: REQUESTER, channelId: 'C0OPS' },
  createdAt: T0,
  updatedAt: T0,
  approval: { required: false, reasons: [] },
  ...overrides,
});
const receipt = { channelId: 'C0OPS', ts: '1.0001' };

describe('notification outbox', () => {
  it('always has a card, and bumps its revision only when what it shows changes', () => {
    const first = planOutbox(view({}), {});
    expect(first.card).toMatchObject({ revision: 1, delivered: 0, status: 'validating' });
    expect(planOutbox(view({ updatedAt: T0 + 5 }), first).card?.revision).toBe(1);
    const copying = planOutbox(view({ status: 'copying', updatedAt: T0 + 9 }), first);
    expect(copying.card).toMatchObject({ revision: 2, status: 'copying' });
    expect(copying.approval).toBeUndefined();
    expect(copying.outcome).toBeUndefined();
  });

  it('opens the approval slot while waiting and updates it once, when the wait ends', () => {
    const approval = { required: true, reasons: ['crossRegion' as const], deadline: T0 + 1000 };
    let outbox: Outbox = planOutbox(view({ status: 'awaitingApproval', approval }), {});
    expect(outbox.approval?.revision).toBe(1);
    const decided = { ...approval, decidedBy: 'U0APPROVER', decidedAt: T0 + 10 };
    outbox = planOutbox(view({ status: 'copying', approval: decided }), outbox);
    expect(outbox.approval?.revision).toBe(2);
    outbox = planOutbox(view({ status: 'inProgress', approval: decided, copy: { progress: 50 } }), outbox);
    expect(outbox.approval?.revision).toBe(2);
    expect(outbox.card?.revision).toBe(3);
  });

  it('adds the outcome when the request is final and drains as deliveries are marked', () => {
    let outbox = planOutbox(view({ status: 'rejected' }), {});
    expect(outbox.outcome).toMatchObject({ revision: 1, status: 'rejected' });
    expect(isDrained(outbox)).toBe(false);
    outbox = markDelivered(outbox, 'card', { revision: 1, status: 'rejected', receipt, at: T0 });
    outbox = markDelivered(outbox, 'outcome', { revision: 1, status: 'rejected', receipt, at: T0 });
    expect(isDrained(outbox)).toBe(true);
    expect(outbox.card).toMatchObject({
      delivered: 1,
      deliveredStatus: 'rejected',
      deliveredAt: T0,
      receipt,
    });
  });

  it('never moves a delivery mark backwards', () => {
    let outbox = planOutbox(view({}), {});
    outbox = planOutbox(view({ status: 'copying' }), outbox);
    outbox = markDelivered(outbox, 'card', { revision: 2, status: 'copying', receipt, at: T0 + 2 });
    const stale = markDelivered(outbox, 'card', { revision: 1, status: 'validating', receipt, at: T0 + 3 });
    expect(stale.card).toMatchObject({ delivered: 2, deliveredStatus: 'copying' });
  });
});
