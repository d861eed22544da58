import { describe, expect, it } from 'vitest';
import {
  type ApprovalInput,
  approvalPolicy,
  describeApprovalReasons,
} from '../../src/domain/approval-policy.ts';
import type { ApprovalReason } from '../../src/domain/copy-request.ts';

const cmk = { kind: 'customerMasterKey', keyId: 'key-t4nbackup01' } as const;

describe('approvalPolicy', () => {
  const cases: [string, ApprovalInput, ApprovalReason[]][] = [
    [
      'a same-region copy under the default service key',
      { sourceRegionId: 'cn-hangzhou', destinationRegionId: 'cn-hangzhou', copyType: 'copyAndEncrypt' },
      [],
    ],
    [
      'a cross-region standard copy',
      { sourceRegionId: 'cn-hangzhou', destinationRegionId: 'ap-southeast-1', copyType: 'copy' },
      ['crossRegion'],
    ],
    [
      'a same-region copy under a CMK',
      {
        sourceRegionId: 'cn-hangzhou',
        destinationRegionId: 'cn-hangzhou',
        copyType: 'copyAndEncrypt',
        key: cmk,
      },
      ['customerMasterKey'],
    ],
    [
      'a cross-region copy under a CMK',
      {
        sourceRegionId: 'cn-hangzhou',
        destinationRegionId: 'ap-southeast-1',
        copyType: 'copyAndEncrypt',
        key: cmk,
      },
      ['crossRegion', 'customerMasterKey'],
    ],
    [
      'a same-region copy that names the default key explicitly',
      {
        sourceRegionId: 'cn-hangzhou',
        destinationRegionId: 'cn-hangzhou',
        copyType: 'copyAndEncrypt',
        key: { kind: 'defaultServiceKey' },
      },
      [],
    ],
  ];

  it.each(cases)('decides for %s', (_, input, reasons) => {
    expect(approvalPolicy(input)).toEqual({ required: reasons.length > 0, reasons });
  });

  it('ignores a CMK on a standard copy, which is stored in plain text', () => {
    const input: ApprovalInput = {
      sourceRegionId: 'a-1',
      destinationRegionId: 'b-1',
      copyType: 'copy',
      key: cmk,
    };
    expect(approvalPolicy(input).reasons).toEqual(['crossRegion']);
  });
});

describe('describeApprovalReasons', () => {
  it('says a copy is approved automatically when nothing is risky', () => {
    expect(describeApprovalReasons([])).toMatch(/No approval needed.*approved automatically/);
  });

  it('names each reason', () => {
    expect(describeApprovalReasons(['crossRegion'])).toBe(
      'Approval needed: the copy goes to another region.',
    );
    expect(describeApprovalReasons(['customerMasterKey'])).toBe(
      'Approval needed: the copy is encrypted with a customer master key.',
    );
    expect(describeApprovalReasons(['crossRegion', 'customerMasterKey'])).toBe(
      'Approval needed: the copy goes to another region and is encrypted with a customer master key.',
    );
  });
});
