/** SPEC §5: which copies need a person's decision, and why. */
import type { ApprovalDecision, ApprovalReason, CopyParameters } from './copy-request.ts';
import { usesCustomerMasterKey } from './key-choice.ts';

export type ApprovalInput = Pick<
  CopyParameters,
  'sourceRegionId' | 'destinationRegionId' | 'copyType' | 'key'
>;

/**
 * Data leaving its region, and data locked under a key someone else controls, are the risky
 * copies; a same-region copy under the default service key is approved automatically.
 */
export function approvalPolicy(input: ApprovalInput): ApprovalDecision {
  const reasons: ApprovalReason[] = [];
  if (input.sourceRegionId !== input.destinationRegionId) reasons.push('crossRegion');
  if (usesCustomerMasterKey(input)) reasons.push('customerMasterKey');
  return { required: reasons.length > 0, reasons };
}

const REASON_PHRASES: Record<ApprovalReason, string> = {
  crossRegion: 'goes to another region',
  customerMasterKey: 'is encrypted with a customer master key',
};

export function describeApprovalReasons(reasons: readonly ApprovalReason[]): string {
  if (reasons.length === 0) {
    return 'No approval needed: a same-region copy under the default service key is approved automatically.';
  }
  return `Approval needed: the copy ${reasons.map((reason) => REASON_PHRASES[reason]).join(' and ')}.`;
}
