/** A batch's estimate: what its items' copies cost together, each item's estimate kept beside it. */
import type { CostEstimate, Money } from '../../domain/cost-estimate.ts';
import { roundMoney } from '../../domain/estimate-cost.ts';
import type { KmsPrices } from '../../domain/price-table.ts';
import type { BatchEstimate } from './copy-batch-view.ts';

function sum(estimates: readonly CostEstimate[], amountOf: (estimate: CostEstimate) => number): number {
  return roundMoney(estimates.reduce((total, estimate) => total + amountOf(estimate), 0));
}

/**
 * Every item is priced from the same table, so the first one's currency and source stand for all.
 * Each item's estimate carries the key's monthly fee as if it were alone; the batch's copies share
 * one key, so the batch pays that fee once and only the requests per copy.
 */
export function sumEstimates(
  estimates: readonly [CostEstimate, ...CostEstimate[]],
  kms: KmsPrices,
): BatchEstimate {
  const [first] = estimates;
  const money = (amount: number): Money => ({ amount: roundMoney(amount), currency: first.total.currency });
  const withKms = estimates.filter((estimate) => estimate.kmsFee !== undefined).length;
  const sharedKeyFees = Math.max(0, withKms - 1) * kms.customerMasterKeyMonthlyFee;
  return {
    total: money(sum(estimates, (estimate) => estimate.total.amount) - sharedKeyFees),
    transferFee: money(sum(estimates, (estimate) => estimate.transferFee.amount)),
    storageFeePerMonth: money(sum(estimates, (estimate) => estimate.storageFeePerMonth.amount)),
    ...(withKms > 0
      ? { kmsFee: money(sum(estimates, (estimate) => estimate.kmsFee?.amount ?? 0) - sharedKeyFees) }
      : {}),
    billedSizeGiB: sum(estimates, (estimate) => estimate.billedSizeGiB),
    isUpperBound: estimates.some((estimate) => estimate.isUpperBound),
    prices: first.prices,
  };
}
