import { describe, expect, it } from 'vitest';
import { takeCensus } from '../../src/workflow/runtime-census.ts';
import { buildRequestView } from '../slack/support/request-views.ts';

const slot = (revision: number, delivered: number) => ({
  revision,
  delivered,
  contentKey: '',
  status: 'done' as const,
});

describe('takeCensus', () => {
  it('counts requests by status, running and queued copies by destination, and undelivered slots', () => {
    const census = takeCensus(
      [
        buildRequestView({ status: 'inProgress' }),
        buildRequestView({ status: 'copying' }),
        buildRequestView({
          status: 'inProgress',
          parameters: { ...buildRequestView().parameters, destinationRegionId: 'cn-beijing' },
        }),
        buildRequestView({ status: 'done' }),
        buildRequestView({ status: 'copying', queued: { regionId: 'ap-southeast-1', ahead: 0 } }),
      ],
      [{ card: slot(3, 2), approval: slot(1, 1), outcome: slot(1, 0) }, { card: slot(1, 1) }],
      [{ status: 'running' }, { status: 'awaitingApproval' }, { status: 'running' }],
    );
    expect(census).toEqual({
      requests: { inProgress: 2, copying: 2, done: 1 },
      copiesInFlight: { 'ap-southeast-1': 2, 'cn-beijing': 1 },
      copiesQueued: { 'ap-southeast-1': 1 },
      batches: { running: 2, awaitingApproval: 1 },
      undeliveredSlots: 2,
    });
  });
});
