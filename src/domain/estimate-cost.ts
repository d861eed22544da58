/** SPEC §4: what a copy will cost, shown before approval and recorded with the request. */
import { billingBasis } from './billing-basis.ts';
import type { CopyParameters } from './copy-request.ts';
import type { CostEstimate, Money } from './cost-estimate.ts';
import { usesCustomerMasterKey } from './key-choice.ts';
import { type PriceTable, pricesFor } from './price-table.ts';
import type { RequestFacts } from './request-facts.ts';

/** Cents, with the float error of e.g. 1.005 * 100 absorbed before rounding. */
export function roundMoney(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

export function estimateCost(
  parameters: CopyParameters,
  facts: RequestFacts,
  prices: PriceTable,
): CostEstimate {
  const snapshot = facts.sourceSnapshot;
  if (!snapshot) {
    throw new Error(
      `estimateCost needs the source snapshot ${parameters.sourceSnapshotId}; validate the request first`,
    );
  }
  const basis = billingBasis(parameters, facts, snapshot);
  const money = (amount: number): Money => ({ amount: roundMoney(amount), currency: prices.currency });
  const crossRegion = parameters.sourceRegionId !== parameters.destinationRegionId;
  const transferFee = money(
    crossRegion ? pricesFor(prices, parameters.sourceRegionId).replicationPerGiB * basis.billedSizeGiB : 0,
  );
  const storageFeePerMonth = money(
    pricesFor(prices, parameters.destinationRegionId).storagePerGiBMonth * basis.billedSizeGiB,
  );
  const kmsFee = usesCustomerMasterKey(parameters)
    ? money(prices.kms.customerMasterKeyMonthlyFee + prices.kms.customerMasterKeyRequestFee)
    : undefined;
  return {
    ...basis,
    transferFee,
    storageFeePerMonth,
    ...(kmsFee ? { kmsFee } : {}),
    total: money(transferFee.amount + storageFeePerMonth.amount + (kmsFee?.amount ?? 0)),
    destinationRegionId: parameters.destinationRegionId,
    prices: { source: prices.source, asOf: prices.asOf, isExample: prices.isExample },
  };
}
