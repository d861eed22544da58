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
  it('counts requests by status, running copies by destination, and undelivered slots', () => {
    const census = takeCensus(
      [
        buildRequestView({ status: 'inProgress' }),
        buildRequestView({ status: 'copying' }),
        buildRequestView({
          status: 'inProgress',
          parameters: { ...buildRequestView().parameters, destinationRegionId: 'cn-beijing' },
        }),
        buildRequestView({ status: 'done' }),
      ],
      [{ card: slot(3, 2), approval: slot(1, 1), outcome: slot(1, 0) }, { card: slot(1, 1) }],
    );
    expect(census).toEqual({
      requests: { inProgress: 2, copying: 1, done: 1 },
      copiesInFlight: { 'ap-southeast-1': 2, 'cn-beijing': 1 },
      undeliveredSlots: 2,
    });
  });
});
