import { describe, expect, it } from 'vitest';
import type { CostEstimate } from '../../../src/domain/cost-estimate.ts';
import { sumEstimates } from '../../../src/workflow/batch/batch-estimate.ts';

const PRICES = { source: 'example', asOf: '2026-01-01', isExample: true };
const KMS = { customerMasterKeyMonthlyFee: 1, customerMasterKeyRequestFee: 0.03 };

function estimate(total: number, overrides: Partial<CostEstimate> = {}): CostEstimate {
  return {
    basis: 'fullSnapshotSize',
    billedSizeGiB: 10.1,
    isUpperBound: false,
    explanation: '',
    transferFee: { amount: total / 2, currency: 'USD' },
    storageFeePerMonth: { amount: total / 2, currency: 'USD' },
    total: { amount: total, currency: 'USD' },
    destinationRegionId: 'cn-shanghai',
    prices: PRICES,
    ...overrides,
  };
}

describe('sumEstimates', () => {
  it('adds the items’ money to the cent and their billed sizes', () => {
    const sum = sumEstimates([estimate(0.1), estimate(0.2), estimate(0.7)], KMS);
    expect(sum.total).toEqual({ amount: 1, currency: 'USD' });
    expect(sum.transferFee.amount).toBe(0.5);
    expect(sum.billedSizeGiB).toBe(30.3);
    expect(sum.kmsFee).toBeUndefined();
    expect(sum.prices).toEqual(PRICES);
  });

  it('is an upper bound when any item is, and sums the KMS fees of the items that have one', () => {
    const sum = sumEstimates(
      [
        estimate(1),
        estimate(2, { isUpperBound: true, basis: 'incremental', kmsFee: { amount: 1.03, currency: 'USD' } }),
      ],
      KMS,
    );
    expect(sum.isUpperBound).toBe(true);
    expect(sum.kmsFee).toEqual({ amount: 1.03, currency: 'USD' });
  });

  it("charges the shared key's monthly fee once, and the requests of every copy", () => {
    const kmsFee = { amount: 1.03, currency: 'USD' };
    const sum = sumEstimates(
      [estimate(3.03, { kmsFee }), estimate(3.03, { kmsFee }), estimate(3.03, { kmsFee })],
      KMS,
    );
    expect(sum.kmsFee).toEqual({ amount: 1.09, currency: 'USD' });
    expect(sum.total).toEqual({ amount: 7.09, currency: 'USD' });
  });
});
