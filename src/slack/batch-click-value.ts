/** A batch's Approve button value, `${batchId}:${digest}`: the batch and the selection the approver saw. */

export interface BatchApprovalTarget {
  batchId: string;
  digest: string;
}

/** Batch IDs are `sb-` and base32; digests are hex. Anything else was not built by snapcopy. */
const APPROVAL_VALUE = /^(sb-[a-z2-7]+):([0-9a-f]+)$/;

export function batchApprovalValue(batchId: string, digest: string): string {
  return `${batchId}:${digest}`;
}

export function readBatchApprovalValue(value: string): BatchApprovalTarget | undefined {
  const match = APPROVAL_VALUE.exec(value);
  return match ? { batchId: match[1]!, digest: match[2]! } : undefined;
}
