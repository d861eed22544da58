import { describe, expect, it } from 'vitest';
import type { KeyState, KmsAccountStatus } from '../../src/cloud/cloud-gateway.ts';
import type { CopyParameters, Refusal, Tag } from '../../src/domain/copy-request.ts';
import type { RequestFacts } from '../../src/domain/request-facts.ts';
import {
  validateAgainstCloud,
  validateParameters,
  validateRequest,
} from '../../src/domain/validate-request.ts';
import {
  buildCopy,
  buildDefaultServiceKey,
  buildFacts,
  buildKey,
  buildParameters,
  buildSnapshot,
} from './request-builders.ts';

function manyTags(count: number): Tag[] {
  return Array.from({ length: count }, (_, index) => ({ key: `key-${index}`, value: `value-${index}` }));
}

function onlyRefusal(refusals: Refusal[]): Refusal {
  expect(refusals).toHaveLength(1);
  return refusals[0]!;
}

const encrypted = (overrides: Partial<CopyParameters> = {}): CopyParameters =>
  buildParameters({
    copyType: 'copyAndEncrypt',
    key: { kind: 'customerMasterKey', keyId: 'key-t4nbackup01' },
    ...overrides,
  });

describe('validateParameters refuses what the API would refuse, saying what to do instead', () => {
  const cases: [string, Partial<CopyParameters>, string, Refusal['field'], RegExp][] = [
    [
      'a one-character name',
      { name: 'a' },
      'name.length',
      'name',
      /2–128 characters.*it has 1.*Enter a name/,
    ],
    ['a 129-character name', { name: `a${'b'.repeat(128)}` }, 'name.length', 'name', /it has 129/],
    ['a name with a URL prefix', { name: 'https://backup' }, 'name.urlPrefix', 'name', /Remove that prefix/],
    [
      'a name starting with a digit',
      { name: '1-backup' },
      'name.firstCharacter',
      'name',
      /not "1".*Put a letter first/,
    ],
    [
      'a name with a space and a slash',
      { name: 'web 01/backup' },
      'name.characters',
      'name',
      /space, "\/".*Replace/,
    ],
    [
      'a one-character description',
      { description: 'x' },
      'description.length',
      'description',
      /Write a short note/,
    ],
    [
      'a 257-character description',
      { description: 'd'.repeat(257) },
      'description.length',
      'description',
      /it has 257/,
    ],
    [
      'a description with a URL prefix',
      { description: 'http://wiki/runbook' },
      'description.urlPrefix',
      'description',
      /Start it with words/,
    ],
    [
      'retention of 0 days',
      { retentionDays: 0 },
      'retentionDays.range',
      'retentionDays',
      /1 to 65536.*got 0.*leave it empty/,
    ],
    [
      'retention of 65537 days',
      { retentionDays: 65537 },
      'retentionDays.range',
      'retentionDays',
      /got 65537/,
    ],
    ['retention of 1.5 days', { retentionDays: 1.5 }, 'retentionDays.range', 'retentionDays', /whole number/],
    [
      'a tag without a key',
      { tags: [{ key: ' ', value: 'x' }] },
      'tags.emptyKey',
      'tags',
      /Tag 1 has no key. Give it a key, or remove the tag/,
    ],
    [
      'a tag key over 128 characters',
      { tags: [{ key: 'k'.repeat(129), value: '' }] },
      'tags.keyTooLong',
      'tags',
      /129 characters.*Shorten the key/,
    ],
    [
      'a tag key starting with aliyun',
      { tags: [{ key: 'aliyun-owner', value: 'x' }] },
      'tags.reservedKey',
      'tags',
      /starts with "aliyun".*Choose a key/,
    ],
    [
      'a tag key starting with ACS:',
      { tags: [{ key: 'ACS:owner', value: 'x' }] },
      'tags.reservedKey',
      'tags',
      /starts with "acs:"/,
    ],
    [
      'a tag key of snapcopy itself',
      { tags: [{ key: 'snapcopy:request-id', value: 'x' }] },
      'tags.provenanceKey',
      'tags',
      /trace a copy.*Choose another key/,
    ],
    [
      'a tag key with a URL',
      { tags: [{ key: 'see-http://wiki', value: 'x' }] },
      'tags.urlInKey',
      'tags',
      /Remove the URL from the key/,
    ],
    [
      'a tag value over 128 characters',
      { tags: [{ key: 'note', value: 'v'.repeat(129) }] },
      'tags.valueTooLong',
      'tags',
      /Shorten the value/,
    ],
    [
      'a tag value with a URL',
      { tags: [{ key: 'runbook', value: 'https://wiki' }] },
      'tags.urlInValue',
      'tags',
      /Remove the URL from the value/,
    ],
    [
      'two tags with the same key',
      {
        tags: [
          { key: 'env', value: 'a' },
          { key: 'env', value: 'b' },
        ],
      },
      'tags.duplicateKey',
      'tags',
      /"env" appears 2 times.*Keep one/,
    ],
    [
      'a standard copy within one region',
      { destinationRegionId: 'cn-hangzhou' },
      'destinationRegionId.sameRegionStandardCopy',
      'destinationRegionId',
      /Choose another destination region, or pick Copy and Encrypt/,
    ],
    [
      'Copy and Encrypt to cn-nanjing',
      { copyType: 'copyAndEncrypt', destinationRegionId: 'cn-nanjing' },
      'destinationRegionId.closingDown',
      'destinationRegionId',
      /closing down.*Choose another destination region/,
    ],
    [
      'a CMK without a key ID',
      { copyType: 'copyAndEncrypt', key: { kind: 'customerMasterKey', keyId: '' } },
      'key.missingKeyId',
      'key',
      /Pick a key of ap-southeast-1, or choose the default service key/,
    ],
    [
      'a CMK on a standard copy',
      { key: { kind: 'customerMasterKey', keyId: 'key-1' } },
      'key.notForStandardCopy',
      'key',
      /Choose Copy and Encrypt to use this key, or remove the key/,
    ],
    [
      'no source region',
      { sourceRegionId: '' },
      'sourceRegionId.missing',
      'sourceRegionId',
      /Choose the region the snapshot lives in/,
    ],
    [
      'no destination region',
      { destinationRegionId: ' ' },
      'destinationRegionId.missing',
      'destinationRegionId',
      /Choose the region the copy should go to/,
    ],
    [
      'no snapshot',
      { sourceSnapshotId: '' },
      'sourceSnapshotId.missing',
      'sourceSnapshotId',
      /Choose the snapshot to copy/,
    ],
    [
      'a disk ID instead of a snapshot ID',
      { sourceSnapshotId: 'd-bp1webdata' },
      'sourceSnapshotId.malformed',
      'sourceSnapshotId',
      /Pick the snapshot from the list/,
    ],
  ];

  it.each(cases)('refuses %s', (_, overrides, code, field, guidance) => {
    const refusal = onlyRefusal(validateParameters(buildParameters(overrides)));
    expect(refusal).toMatchObject({ code, field });
    expect(refusal.message).toMatch(guidance);
  });

  it('refuses more tags than leave room for the provenance tags, and says why', () => {
    const refusal = onlyRefusal(validateParameters(buildParameters({ tags: manyTags(16) })));
    expect(refusal.code).toBe('tags.tooMany');
    expect(refusal.message).toBe(
      'You gave 16 tags, but a copy can carry at most 15 of yours: Alibaba Cloud allows 20 tags per snapshot and snapcopy adds 5 of its own to trace the copy. Remove 1 tag.',
    );
  });

  it('reports every broken field at once', () => {
    const refusals = validateParameters(buildParameters({ name: 'x', description: 'y', retentionDays: -1 }));
    expect(refusals.map((refusal) => refusal.field)).toEqual(['name', 'description', 'retentionDays']);
  });
});

describe('validateParameters accepts what the API accepts', () => {
  const cases: [string, Partial<CopyParameters>][] = [
    ['a plain cross-region copy', {}],
    ['a CJK name', { name: '备份-web.01:夜间' }],
    ['a two-character name and description', { name: 'ab', description: 'ok' }],
    [
      'a 128-character name and a 256-character description',
      { name: `a${'b'.repeat(127)}`, description: 'd'.repeat(256) },
    ],
    ['a retention of 65536 days', { retentionDays: 65536 }],
    ['a retention of one day', { retentionDays: 1 }],
    ['15 tags and an empty tag value', { tags: [...manyTags(14), { key: 'empty', value: '' }] }],
    [
      'Copy and Encrypt within the source region under the default key',
      { copyType: 'copyAndEncrypt', destinationRegionId: 'cn-hangzhou' },
    ],
    ['Copy and Encrypt under a CMK', encrypted()],
    ['a standard copy to cn-nanjing', { destinationRegionId: 'cn-nanjing' }],
    ['the default key chosen for a standard copy', { key: { kind: 'defaultServiceKey' } }],
  ];

  it.each(cases)('accepts %s', (_, overrides) => {
    expect(validateParameters(buildParameters(overrides))).toEqual([]);
  });
});

describe('validateAgainstCloud refuses what the cloud would refuse', () => {
  it('accepts a finished standard snapshot with nothing in the way', () => {
    expect(validateAgainstCloud(buildParameters(), buildFacts())).toEqual([]);
  });

  it('accepts Copy and Encrypt under an enabled symmetric key, SM4 included', () => {
    const facts = buildFacts({
      kmsAccountStatus: 'Enabled',
      destinationKey: { reference: 'key-t4nbackup01', key: buildKey({ keySpec: 'Aliyun_SM4' }) },
    });
    expect(validateAgainstCloud(encrypted(), facts)).toEqual([]);
  });

  const snapshotCases: [string, Partial<RequestFacts>, string, RegExp][] = [
    [
      'a snapshot missing from the source region',
      { sourceSnapshot: undefined },
      'sourceSnapshotId.notFound',
      /s-bp1webdata0001 was not found in cn-hangzhou.*pick the snapshot from the list/,
    ],
    [
      'a snapshot still being created',
      { sourceSnapshot: buildSnapshot({ status: 'progressing', progress: 45 }) },
      'sourceSnapshotId.notReady',
      /still being created \(45%\).*Wait until it is finished/,
    ],
    [
      'a failed snapshot',
      { sourceSnapshot: buildSnapshot({ status: 'failed' }) },
      'sourceSnapshotId.failed',
      /Take a new snapshot of the disk/,
    ],
    [
      'an archived snapshot',
      { sourceSnapshot: buildSnapshot({ category: 'archive' }) },
      'sourceSnapshotId.archived',
      /archived.*Pick a standard snapshot of the same disk/,
    ],
    [
      'a local (flash) snapshot',
      { sourceSnapshot: buildSnapshot({ category: 'flash' }) },
      'sourceSnapshotId.localSnapshot',
      /local \(flash\).*Pick a standard snapshot/,
    ],
  ];

  it.each(snapshotCases)('refuses %s', (_, facts, code, guidance) => {
    const refusal = onlyRefusal(validateAgainstCloud(buildParameters(), buildFacts(facts)));
    expect(refusal).toMatchObject({ code, field: 'sourceSnapshotId' });
    expect(refusal.message).toMatch(guidance);
  });

  it('refuses a standard copy of an encrypted snapshot', () => {
    const facts = buildFacts({ sourceSnapshot: buildSnapshot({ encrypted: true, kmsKeyId: 'key-bp1disk' }) });
    const refusal = onlyRefusal(validateAgainstCloud(buildParameters(), facts));
    expect(refusal).toMatchObject({ code: 'copyType.encryptedSource', field: 'copyType' });
    expect(refusal.message).toMatch(/encrypted.*Choose Copy and Encrypt/);
  });

  const kmsCases: [KmsAccountStatus, RegExp][] = [
    ['NotEnabled', /not activated.*activate KMS/],
    ['InDebt', /overdue payment.*settle the account/],
    ['Suspended', /suspended.*restore it/],
  ];

  it.each(kmsCases)('refuses Copy and Encrypt while KMS is %s', (status, guidance) => {
    const refusal = onlyRefusal(validateAgainstCloud(encrypted(), buildFacts({ kmsAccountStatus: status })));
    expect(refusal).toMatchObject({ code: 'copyType.kmsNotActivated', field: 'copyType' });
    expect(refusal.message).toMatch(guidance);
  });

  it('refuses a key that is not in the destination region', () => {
    const facts = buildFacts({
      kmsAccountStatus: 'Enabled',
      destinationKey: { reference: 'key-t4nbackup01' },
    });
    const refusal = onlyRefusal(validateAgainstCloud(encrypted(), facts));
    expect(refusal).toMatchObject({ code: 'key.notFound', field: 'key' });
    expect(refusal.message).toMatch(
      /key-t4nbackup01 does not exist in ap-southeast-1.*choose a key of ap-southeast-1, or the default service key/,
    );
  });

  const stateCases: [KeyState, RegExp][] = [
    ['Disabled', /is Disabled\. Enable it in the KMS console, or choose another key of ap-southeast-1/],
    ['PendingDeletion', /is PendingDeletion.*Cancel the deletion/],
    ['PendingImport', /is PendingImport.*Import the key material/],
  ];

  it.each(stateCases)('refuses a %s key and names its state', (keyState, guidance) => {
    const facts = buildFacts({
      kmsAccountStatus: 'Enabled',
      destinationKey: { reference: 'alias/backup', key: buildKey({ keyState }) },
    });
    const refusal = onlyRefusal(validateAgainstCloud(encrypted(), facts));
    expect(refusal).toMatchObject({ code: 'key.notEnabled', field: 'key' });
    expect(refusal.message).toContain('key-t4nbackup01 (alias/backup)');
    expect(refusal.message).toMatch(guidance);
  });

  it.each([
    ['an asymmetric signing key', { keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' }],
    ['an asymmetric encryption key', { keySpec: 'RSA_2048', keyUsage: 'ENCRYPT/DECRYPT' }],
    ['an elliptic-curve key', { keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY' }],
  ])('refuses %s', (_, spec) => {
    const facts = buildFacts({
      kmsAccountStatus: 'Enabled',
      destinationKey: { reference: 'key-t4nbackup01', key: buildKey(spec) },
    });
    const refusal = onlyRefusal(validateAgainstCloud(encrypted(), facts));
    expect(refusal).toMatchObject({ code: 'key.notSymmetric', field: 'key' });
    expect(refusal.message).toMatch(
      /symmetric keys \(Aliyun_AES_256 or Aliyun_SM4.*Choose a symmetric key of ap-southeast-1/,
    );
  });

  it('refuses while snapcopy is still copying the same disk there, naming the request', () => {
    const facts = buildFacts({
      unfinishedCopy: { snapshotId: 's-t4nrunning', requestId: 'req-42', progress: 30 },
    });
    const refusal = onlyRefusal(validateAgainstCloud(buildParameters(), facts));
    expect(refusal).toMatchObject({
      code: 'destinationRegionId.unfinishedCopy',
      field: 'destinationRegionId',
    });
    expect(refusal.message).toMatch(/snapcopy request req-42 is still copying it \(s-t4nrunning, 30%\)/);
    expect(refusal.message).toMatch(/\/snapcopy cancel req-42/);
  });

  it('refuses while a copy made outside snapcopy is still running', () => {
    const facts = buildFacts({ unfinishedCopy: { snapshotId: 's-t4nconsole', progress: 5 } });
    const refusal = onlyRefusal(validateAgainstCloud(buildParameters(), facts));
    expect(refusal.code).toBe('destinationRegionId.unfinishedCopy');
    expect(refusal.message).toMatch(/s-t4nconsole, started outside snapcopy.*Wait until it finishes/);
  });

  it('refuses an unknown destination region', () => {
    const parameters = buildParameters({ destinationRegionId: 'mars-north-1' });
    const refusal = onlyRefusal(
      validateAgainstCloud(parameters, buildFacts({ destinationRegionKnown: false })),
    );
    expect(refusal).toMatchObject({ code: 'destinationRegionId.unknown', field: 'destinationRegionId' });
    expect(refusal.message).toMatch(
      /"mars-north-1" does not exist.*Choose the destination region from the list/,
    );
  });

  it('refuses an unknown source region without also calling its snapshot missing', () => {
    const facts = buildFacts({ sourceRegionKnown: false, sourceSnapshot: undefined });
    const refusal = onlyRefusal(
      validateAgainstCloud(buildParameters({ sourceRegionId: 'cn-atlantis' }), facts),
    );
    expect(refusal.code).toBe('sourceRegionId.unknown');
  });
});

describe('validateRequest', () => {
  it('joins the parameter and cloud refusals', () => {
    const parameters = buildParameters({ destinationRegionId: 'cn-hangzhou' });
    const facts = buildFacts({ sourceSnapshot: buildSnapshot({ encrypted: true }) });
    expect(validateRequest(parameters, facts).map((refusal) => refusal.code)).toEqual([
      'destinationRegionId.sameRegionStandardCopy',
      'copyType.encryptedSource',
    ]);
  });

  it('says the same thing only once', () => {
    const tag = { key: 'aliyun', value: 'x' };
    const parameters = buildParameters({ tags: [tag, { ...tag }] });
    expect(
      validateParameters(parameters).filter((refusal) => refusal.code === 'tags.reservedKey'),
    ).toHaveLength(2);
    expect(validateRequest(parameters, buildFacts()).map((refusal) => refusal.code)).toEqual([
      'tags.reservedKey',
      'tags.duplicateKey',
    ]);
  });

  it('is empty for a valid request against a cloud that agrees', () => {
    const facts = buildFacts({
      copyHistory: [buildCopy()],
      kmsAccountStatus: 'Enabled',
      destinationKey: { reference: 'alias/acs/ecs', key: buildDefaultServiceKey() },
    });
    expect(validateRequest(buildParameters({ copyType: 'copyAndEncrypt' }), facts)).toEqual([]);
  });
});
