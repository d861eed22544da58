import { describe, expect, it } from 'vitest';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import { estimateCost } from '../../src/domain/estimate-cost.ts';
import { parsePriceTable } from '../../src/domain/price-table.ts';
import type { RequestFacts } from '../../src/domain/request-facts.ts';
import {
  buildCopy,
  buildDefaultServiceKey,
  buildDisk,
  buildFacts,
  buildKey,
  buildParameters,
  buildSnapshot,
  GIB,
} from './request-builders.ts';

const prices = parsePriceTable(
  {
    isExample: true,
    asOf: '2026-11-01',
    currency: 'USD',
    default: { replicationPerGiB: 0.1, storagePerGiBMonth: 0.05 },
    regions: {
      'cn-hangzhou': { replicationPerGiB: 0.04, storagePerGiBMonth: 0.02 },
      'ap-southeast-1': { replicationPerGiB: 0.06, storagePerGiBMonth: 0.03 },
    },
    kms: { customerMasterKeyMonthlyFee: 1, customerMasterKeyRequestFee: 0.03 },
  },
  'test',
);

const cmk = { kind: 'customerMasterKey', keyId: 'key-t4nbackup01' } as const;
const backupKey = buildKey();
const defaultKey = buildDefaultServiceKey();

function encryptedFacts(overrides: Partial<RequestFacts> = {}, key = defaultKey): RequestFacts {
  return buildFacts({
    kmsAccountStatus: 'Enabled',
    destinationKey: { reference: key.aliases[0] ?? key.keyId, key },
    ...overrides,
  });
}

const copyAndEncrypt = (overrides: Partial<CopyParameters> = {}) =>
  buildParameters({ copyType: 'copyAndEncrypt', ...overrides });

describe('estimateCost: the size billed for one copy (SPEC §4)', () => {
  it('bills a first standard copy the full snapshot size', () => {
    const estimate = estimateCost(buildParameters(), buildFacts(), prices);
    expect(estimate).toMatchObject({ basis: 'fullSnapshotSize', billedSizeGiB: 12.5, isUpperBound: false });
    expect(estimate.explanation).toBe('first copy to ap-southeast-1: full snapshot size 12.5 GiB');
  });

  it('bills a standard copy incrementally when a plain copy of the disk is already there', () => {
    const facts = buildFacts({ copyHistory: [buildCopy()] });
    const estimate = estimateCost(buildParameters(), facts, prices);
    expect(estimate).toMatchObject({ basis: 'incremental', billedSizeGiB: 12.5, isUpperBound: true });
    expect(estimate.explanation).toBe(
      'ap-southeast-1 already holds copy s-t4nearliercopy of this disk: incremental, only the changes since then are billed, at most the full snapshot size of 12.5 GiB',
    );
  });

  it.each([
    ['a copy still running', buildCopy({ status: 'progressing', progress: 10 })],
    ['a failed copy', buildCopy({ status: 'failed' })],
    ['only an encrypted copy', buildCopy({ encrypted: true, kmsKeyId: 'key-t4necsdefault' })],
  ])('bills a standard copy in full when the destination holds %s', (_, copy) => {
    const estimate = estimateCost(buildParameters(), buildFacts({ copyHistory: [copy] }), prices);
    expect(estimate.basis).toBe('fullSnapshotSize');
  });

  it('bills the first encrypted copy of an unencrypted snapshot the full source disk size', () => {
    const estimate = estimateCost(copyAndEncrypt({ key: cmk }), encryptedFacts({}, backupKey), prices);
    expect(estimate).toMatchObject({ basis: 'fullDiskSize', billedSizeGiB: 40, isUpperBound: false });
    expect(estimate.explanation).toBe(
      'first copy to ap-southeast-1 under key-t4nbackup01 (alias/backup): full disk size 40 GiB',
    );
  });

  it('bills it the full disk size within the source region too', () => {
    const parameters = copyAndEncrypt({ destinationRegionId: 'cn-hangzhou' });
    const estimate = estimateCost(parameters, encryptedFacts(), prices);
    expect(estimate).toMatchObject({ basis: 'fullDiskSize', billedSizeGiB: 40 });
    expect(estimate.explanation).toBe(
      'first copy to cn-hangzhou under key-t4necsdefault (alias/acs/ecs): full disk size 40 GiB',
    );
  });

  it('bills the first encrypted copy of an encrypted snapshot the full snapshot size', () => {
    const facts = encryptedFacts({
      sourceSnapshot: buildSnapshot({ encrypted: true, kmsKeyId: 'key-bp1disk' }),
    });
    const estimate = estimateCost(copyAndEncrypt(), facts, prices);
    expect(estimate).toMatchObject({ basis: 'fullSnapshotSize', billedSizeGiB: 12.5, isUpperBound: false });
  });

  it('bills an encrypted copy incrementally after an earlier copy under the same key', () => {
    const facts = encryptedFacts(
      { copyHistory: [buildCopy({ encrypted: true, kmsKeyId: 'key-t4nbackup01' })] },
      backupKey,
    );
    const estimate = estimateCost(copyAndEncrypt({ key: cmk }), facts, prices);
    expect(estimate).toMatchObject({ basis: 'incremental', billedSizeGiB: 40, isUpperBound: true });
    expect(estimate.explanation).toBe(
      'ap-southeast-1 already holds copy s-t4nearliercopy of this disk under key-t4nbackup01 (alias/backup): incremental, only the changes since then are billed, at most the full disk size of 40 GiB',
    );
  });

  it('compares the resolved ID of the default service key with the earlier copies', () => {
    const facts = encryptedFacts({
      copyHistory: [buildCopy({ encrypted: true, kmsKeyId: defaultKey.keyId })],
    });
    expect(estimateCost(copyAndEncrypt(), facts, prices).basis).toBe('incremental');
  });

  it('bills a full copy again when the key differs from the earlier copies', () => {
    const facts = encryptedFacts(
      {
        copyHistory: [
          buildCopy({ snapshotId: 's-t4nold1', encrypted: true, kmsKeyId: 'key-t4nold' }),
          buildCopy({ snapshotId: 's-t4nold2', encrypted: true, kmsKeyId: 'key-t4nold' }),
        ],
      },
      backupKey,
    );
    const estimate = estimateCost(copyAndEncrypt({ key: cmk }), facts, prices);
    expect(estimate).toMatchObject({ basis: 'fullDiskSize', billedSizeGiB: 40, isUpperBound: false });
    expect(estimate.explanation).toBe(
      'earlier copies in ap-southeast-1 use another key (key-t4nold), so a copy under key-t4nbackup01 (alias/backup) starts over: full disk size 40 GiB',
    );
  });

  it('bills a key change on an encrypted snapshot the full snapshot size again', () => {
    const facts = encryptedFacts({
      sourceSnapshot: buildSnapshot({ encrypted: true, kmsKeyId: 'key-bp1disk' }),
      copyHistory: [buildCopy({ encrypted: true, kmsKeyId: 'key-t4nold' })],
    });
    expect(estimateCost(copyAndEncrypt(), facts, prices)).toMatchObject({
      basis: 'fullSnapshotSize',
      billedSizeGiB: 12.5,
    });
  });

  it('uses the source disk size when the snapshot size is not reported, and says so', () => {
    const facts = buildFacts({
      sourceSnapshot: buildSnapshot({ fullSizeBytes: undefined, sourceDiskSizeGiB: 20 }),
    });
    const estimate = estimateCost(buildParameters(), facts, prices);
    expect(estimate).toMatchObject({ basis: 'fullSnapshotSize', billedSizeGiB: 20 });
    expect(estimate.explanation).toBe(
      'first copy to ap-southeast-1: full snapshot size 20 GiB (the snapshot size was not reported, so the source disk size is used)',
    );
  });

  it("uses the disk's size today for the full disk size, and the snapshot's record once the disk is gone", () => {
    const resized = encryptedFacts({ sourceDisk: buildDisk({ sizeGiB: 60 }) });
    expect(estimateCost(copyAndEncrypt(), resized, prices).billedSizeGiB).toBe(60);
    const gone = encryptedFacts({ sourceDisk: undefined });
    const estimate = estimateCost(copyAndEncrypt(), gone, prices);
    expect(estimate.billedSizeGiB).toBe(40);
    expect(estimate.explanation).toMatch(
      /\(the source disk no longer exists, so its size when the snapshot was taken is used\)$/,
    );
  });

  it('rounds a snapshot size in bytes to hundredths of a GiB', () => {
    const facts = buildFacts({ sourceSnapshot: buildSnapshot({ fullSizeBytes: Math.round(7.126 * GIB) }) });
    expect(estimateCost(buildParameters(), facts, prices).billedSizeGiB).toBe(7.13);
  });

  it('needs the source snapshot', () => {
    expect(() => estimateCost(buildParameters(), buildFacts({ sourceSnapshot: undefined }), prices)).toThrow(
      /needs the source snapshot s-bp1webdata0001/,
    );
  });
});

describe('estimateCost: the fees', () => {
  it("charges transfer at the source region's price and storage at the destination's", () => {
    const estimate = estimateCost(buildParameters(), buildFacts(), prices);
    // 12.5 GiB × 0.04 transfer out of cn-hangzhou; 12.5 GiB × 0.03 storage in ap-southeast-1 = 0.375.
    expect(estimate.transferFee).toEqual({ amount: 0.5, currency: 'USD' });
    expect(estimate.storageFeePerMonth).toEqual({ amount: 0.38, currency: 'USD' });
    expect(estimate.kmsFee).toBeUndefined();
    expect(estimate.total).toEqual({ amount: 0.88, currency: 'USD' });
  });

  it('charges no transfer within a region and nothing for the default service key', () => {
    const estimate = estimateCost(
      copyAndEncrypt({ destinationRegionId: 'cn-hangzhou' }),
      encryptedFacts(),
      prices,
    );
    expect(estimate.transferFee.amount).toBe(0);
    expect(estimate.storageFeePerMonth.amount).toBe(0.8);
    expect(estimate.kmsFee).toBeUndefined();
    expect(estimate.total.amount).toBe(0.8);
  });

  it('charges the configured CMK fees', () => {
    const estimate = estimateCost(copyAndEncrypt({ key: cmk }), encryptedFacts({}, backupKey), prices);
    expect(estimate.transferFee.amount).toBe(1.6);
    expect(estimate.storageFeePerMonth.amount).toBe(1.2);
    expect(estimate.kmsFee).toEqual({ amount: 1.03, currency: 'USD' });
    expect(estimate.total).toEqual({ amount: 3.83, currency: 'USD' });
  });

  it('prices regions missing from the table with its default row', () => {
    const parameters = buildParameters({ sourceRegionId: 'eu-west-1', destinationRegionId: 'us-east-1' });
    const estimate = estimateCost(parameters, buildFacts(), prices);
    expect(estimate.transferFee.amount).toBe(1.25);
    expect(estimate.storageFeePerMonth.amount).toBe(0.63);
  });

  it('records which prices it used', () => {
    const estimate = estimateCost(buildParameters(), buildFacts(), prices);
    expect(estimate.prices).toEqual({ source: 'test', asOf: '2026-11-01', isExample: true });
    expect(estimate.destinationRegionId).toBe('ap-southeast-1');
  });
});
