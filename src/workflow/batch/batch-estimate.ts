/** A batch's estimate: what its items' copies cost together, each item's estimate kept beside it. */
import type { CostEstimate, Money } from '../../domain/cost-estimate.ts';
import { roundMoney } from '../../domain/estimate-cost.ts';
import type { BatchEstimate } from './copy-batch-view.ts';

function sum(estimates: readonly CostEstimate[], amountOf: (estimate: CostEstimate) => number): number {
  return roundMoney(estimates.reduce((total, estimate) => total + amountOf(estimate), 0));
}

/** Every item is priced from the same table, so the first one's currency and source stand for all. */
export function sumEstimates(estimates: readonly [CostEstimate, ...CostEstimate[]]): BatchEstimate {
  const [first] = estimates;
  const money = (amountOf: (estimate: CostEstimate) => number): Money => ({
    amount: sum(estimates, amountOf),
    currency: first.total.currency,
  });
  const withKms = estimates.filter((estimate) => estimate.kmsFee !== undefined);
  return {
    total: money((estimate) => estimate.total.amount),
    transferFee: money((estimate) => estimate.transferFee.amount),
    storageFeePerMonth: money((estimate) => estimate.storageFeePerMonth.amount),
    ...(withKms.length > 0 ? { kmsFee: money((estimate) => estimate.kmsFee?.amount ?? 0) } : {}),
    billedSizeGiB: sum(estimates, (estimate) => estimate.billedSizeGiB),
    isUpperBound: estimates.some((estimate) => estimate.isUpperBound),
    prices: first.prices,
  };
}
