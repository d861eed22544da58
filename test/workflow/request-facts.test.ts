/**
 * gatherRequestFacts against the real gateway (official SDK clients) and the local Alibaba
 * stand-in with its default world, judged by the real domain rules.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlibabaGateway } from '../../src/cloud/alibaba/index.ts';
import { CloudError } from '../../src/cloud/cloud-error.ts';
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import { estimateCost } from '../../src/domain/estimate-cost.ts';
import { loadPriceTable } from '../../src/domain/price-table.ts';
import { clientTokenFor, provenanceTags } from '../../src/domain/provenance.ts';
import { validateRequest } from '../../src/domain/validate-request.ts';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { gatherRequestFacts } from '../../src/workflow/request-facts.ts';

const GIB = 1024 ** 3;
const prices = loadPriceTable({ env: {} });

let standIn: AlibabaStandIn;
let gateway: CloudGateway;

beforeAll(async () => {
  // A frozen clock keeps a started copy unfinished for as long as a test needs it.
  standIn = await startAlibabaStandIn({ port: 0, clockSpeed: 0 });
  gateway = createAlibabaGateway({
    credential: standIn.credentials,
    ecsEndpoint: standIn.endpoint,
    kmsEndpoint: standIn.endpoint,
    protocol: 'http',
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    logger: createLogger('test', { write: () => {} }),
  });
});

afterAll(async () => {
  await standIn.close();
});

afterEach(() => {
  standIn.faults.clear();
  standIn.world.setKmsStatus('Enabled');
});

/** web-01's daily system snapshot; cn-shanghai already holds copies of that disk. */
function webCopy(overrides: Partial<CopyParameters> = {}): CopyParameters {
  return {
    sourceRegionId: 'cn-hangzhou',
    sourceSnapshotId: 's-bp1web01sys00000002',
    destinationRegionId: 'cn-shanghai',
    copyType: 'copy',
    name: 'web-01-dr',
    description: 'Disaster-recovery copy of web-01',
    tags: [{ key: 'purpose', value: 'dr' }],
    ...overrides,
  };
}

const encryptedWebCopy = (keyId?: string) =>
  webCopy({ copyType: 'copyAndEncrypt', ...(keyId ? { key: { kind: 'customerMasterKey', keyId } } : {}) });

function callCount(action: string): number {
  return standIn.calls.callsTo(action).length;
}

describe('gatherRequestFacts', () => {
  it('finds the snapshot, its disk and the earlier copies of the disk, and asks nothing of KMS for a plain copy', async () => {
    const kmsCallsBefore = callCount('DescribeKey') + callCount('DescribeAccountKmsStatus');
    const facts = await gatherRequestFacts(gateway, webCopy());

    expect(facts.sourceRegionKnown).toBe(true);
    expect(facts.destinationRegionKnown).toBe(true);
    expect(facts.sourceSnapshot).toMatchObject({
      snapshotId: 's-bp1web01sys00000002',
      status: 'accomplished',
      sourceDiskId: 'd-bp1web01system00001',
      fullSizeBytes: 19 * GIB,
    });
    expect(facts.sourceDisk).toMatchObject({ diskId: 'd-bp1web01system00001', sizeGiB: 40 });
    expect(facts.copyHistory.map((copy) => copy.snapshotId).sort()).toEqual([
      's-uf6webcopy000000001',
      's-uf6webcopy000000002',
      's-uf6webcopy000000003',
    ]);
    expect(facts.unfinishedCopy).toBeUndefined();
    expect(facts.kmsAccountStatus).toBeUndefined();
    expect(facts.destinationKey).toBeUndefined();
    expect(callCount('DescribeKey') + callCount('DescribeAccountKmsStatus')).toBe(kmsCallsBefore);

    expect(validateRequest(webCopy(), facts)).toEqual([]);
    const estimate = estimateCost(webCopy(), facts, prices);
    expect(estimate).toMatchObject({ basis: 'incremental', billedSizeGiB: 19, isUpperBound: true });
    expect(estimate.explanation).toMatch(
      /^cn-shanghai already holds copy s-uf6webcopy000000001 of this disk/,
    );
  });

  it('resolves a CMK alias in the destination region and bills incrementally under the same key', async () => {
    const parameters = encryptedWebCopy('alias/dr-backup');
    const facts = await gatherRequestFacts(gateway, parameters);

    expect(facts.kmsAccountStatus).toBe('Enabled');
    expect(facts.destinationKey).toMatchObject({
      reference: 'alias/dr-backup',
      key: { keyId: 'key-uf6drbackup0000001', keyState: 'Enabled', keySpec: 'Aliyun_AES_256' },
    });
    expect(validateRequest(parameters, facts)).toEqual([]);
    expect(estimateCost(parameters, facts, prices)).toMatchObject({
      basis: 'incremental',
      billedSizeGiB: 40,
      isUpperBound: true,
    });
  });

  it('resolves the default service key, whose earlier copy makes this one incremental too', async () => {
    const facts = await gatherRequestFacts(gateway, encryptedWebCopy());
    expect(facts.destinationKey?.reference).toBe('alias/acs/ecs');
    expect(facts.destinationKey?.key?.keyId).toBe('key-uf6ecsservice00001');
    expect(estimateCost(encryptedWebCopy(), facts, prices).basis).toBe('incremental');
  });

  it('bills the full disk size under a key the earlier copies did not use', async () => {
    const parameters = encryptedWebCopy('alias/sm4-compliance');
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(validateRequest(parameters, facts)).toEqual([]);
    const estimate = estimateCost(parameters, facts, prices);
    expect(estimate).toMatchObject({ basis: 'fullDiskSize', billedSizeGiB: 40, isUpperBound: false });
    expect(estimate.explanation).toMatch(
      /use another key .*key-uf6sm4compliance01 \(alias\/sm4-compliance\) starts over/,
    );
  });

  it('bills the first copy of a disk to a new region the full snapshot size', async () => {
    const parameters = webCopy({ destinationRegionId: 'ap-southeast-1' });
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(facts.copyHistory).toEqual([]);
    expect(estimateCost(parameters, facts, prices)).toMatchObject({
      basis: 'fullSnapshotSize',
      billedSizeGiB: 19,
    });
  });

  it('finds no key that lives in another region', async () => {
    const parameters = encryptedWebCopy('key-hzz62b7app0data0001');
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(facts.destinationKey).toEqual({ reference: 'key-hzz62b7app0data0001' });
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual(['key.notFound']);
  });

  it('reports a disabled key by its state', async () => {
    const parameters = encryptedWebCopy('alias/dr-old');
    const facts = await gatherRequestFacts(gateway, parameters);
    const [refusal] = validateRequest(parameters, facts);
    expect(refusal).toMatchObject({ code: 'key.notEnabled' });
    expect(refusal?.message).toMatch(/key-uf6drdisabled00001 \(alias\/dr-old\) is Disabled/);
  });

  it('reports KMS not activated instead of failing on the key lookup', async () => {
    standIn.world.setKmsStatus('NotEnabled');
    const parameters = encryptedWebCopy('alias/dr-backup');
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(facts.kmsAccountStatus).toBe('NotEnabled');
    expect(facts.destinationKey).toBeUndefined();
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual([
      'copyType.kmsNotActivated',
    ]);
  });

  it.each([
    ['s-bp1logs01archive001', 'sourceSnapshotId.archived'],
    ['s-bp1logs01data000002', 'sourceSnapshotId.notReady'],
    ['s-bp1logs01data000003', 'sourceSnapshotId.failed'],
    ['s-bp1cache01flash0001', 'sourceSnapshotId.localSnapshot'],
    ['s-bp1nosuchsnapshot01', 'sourceSnapshotId.notFound'],
  ])('lets validation refuse %s with %s', async (sourceSnapshotId, code) => {
    const parameters = webCopy({ sourceSnapshotId });
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual([code]);
  });

  it('knows an encrypted snapshot needs Copy and Encrypt', async () => {
    const parameters = webCopy({ sourceSnapshotId: 's-bp1db01data00000001' });
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(facts.sourceSnapshot?.encrypted).toBe(true);
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual([
      'copyType.encryptedSource',
    ]);
  });

  it('reports regions that do not exist without calling into them', async () => {
    const parameters = { ...encryptedWebCopy('alias/dr-backup'), destinationRegionId: 'mars-north-1' };
    const keyCallsBefore = callCount('DescribeKey');
    const facts = await gatherRequestFacts(gateway, parameters);
    expect(facts.destinationRegionKnown).toBe(false);
    expect(facts.copyHistory).toEqual([]);
    expect(callCount('DescribeKey')).toBe(keyCallsBefore);
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual([
      'destinationRegionId.unknown',
    ]);

    const unknownSource = webCopy({ sourceRegionId: 'cn-atlantis' });
    const sourceFacts = await gatherRequestFacts(gateway, unknownSource);
    expect(sourceFacts).toMatchObject({ sourceRegionKnown: false, sourceSnapshot: undefined });
    expect(validateRequest(unknownSource, sourceFacts).map((refusal) => refusal.code)).toEqual([
      'sourceRegionId.unknown',
    ]);
  });

  it('finds an unfinished copy of the same disk and the snapcopy request that holds it', async () => {
    const requestId = 'req-unfinished-1';
    const copy = await gateway.copySnapshot({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1logs01data000001',
      destinationRegionId: 'ap-southeast-1',
      name: 'logs-01-dr',
      description: 'Copy that stays unfinished',
      encrypted: false,
      tags: provenanceTags({
        requestId,
        sourceSnapshotId: 's-bp1logs01data000001',
        sourceRegionId: 'cn-hangzhou',
        sourceDiskId: 'd-bp1logs01data000001',
      }),
      clientToken: clientTokenFor(requestId),
    });
    try {
      const parameters = webCopy({
        sourceSnapshotId: 's-bp1logs01data000001',
        destinationRegionId: 'ap-southeast-1',
      });
      const facts = await gatherRequestFacts(gateway, parameters);
      expect(facts.unfinishedCopy).toEqual({ snapshotId: copy.snapshotId, requestId, progress: 0 });
      const [refusal] = validateRequest(parameters, facts);
      expect(refusal?.code).toBe('destinationRegionId.unfinishedCopy');
      expect(refusal?.message).toContain(`snapcopy request ${requestId}`);
    } finally {
      await gateway.deleteSnapshot('ap-southeast-1', copy.snapshotId);
    }
  });

  it('lets a cloud failure through as a CloudError', async () => {
    standIn.faults.inject({ action: 'DescribeRegions', kind: 'serverError', times: 5 });
    await expect(gatherRequestFacts(gateway, webCopy())).rejects.toBeInstanceOf(CloudError);
  });

  it('lets a failed key lookup through when KMS is active', async () => {
    standIn.faults.inject({ action: 'DescribeKey', product: 'kms', kind: 'serverError', times: 5 });
    const failure = gatherRequestFacts(gateway, encryptedWebCopy('alias/dr-backup'));
    await expect(failure).rejects.toMatchObject({ name: 'CloudError', retryable: true });
  });
});
