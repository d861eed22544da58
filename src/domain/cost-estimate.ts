/** The shape of a cost estimate (SPEC §4); computed by estimateCost, recorded with the request. */
import type { RegionId } from './copy-request.ts';

/** Which size the copy is billed on, per the rules of SPEC §4. */
export type SizeBasis = 'fullSnapshotSize' | 'fullDiskSize' | 'incremental';

export interface Money {
  amount: number;
  currency: string;
}

export interface CostEstimate {
  basis: SizeBasis;
  /** GiB billed for this copy; for an incremental copy this is the upper bound. */
  billedSizeGiB: number;
  /** True when billedSizeGiB is only an upper bound (incremental copies). */
  isUpperBound: boolean;
  /** Plain sentence naming the basis, e.g. "first copy to ap-southeast-1 under key-…: full disk size 40 GiB". */
  explanation: string;
  /** Cross-region replication fee; zero within a region. */
  transferFee: Money;
  /** Destination snapshot storage for one month. */
  storageFeePerMonth: Money;
  /** Undefined: the default service key, free of charge. */
  kmsFee?: Money;
  /** transferFee + first month's storage + kmsFee, all in one currency. */
  total: Money;
  destinationRegionId: RegionId;
  prices: { source: string; asOf: string; isExample: boolean };
}
