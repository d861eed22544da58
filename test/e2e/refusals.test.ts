/** Every SPEC §2 refusal reaches the requester: inline in the modal when it is known at submit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, ids, type RequestChoices, type Who } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start({ clockSpeed: 0 });
});
afterAll(async () => {
  await harness.close();
});

const plainCopy: RequestChoices = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'cn-shanghai',
  copyType: 'copy',
};
const encryptedCopy: RequestChoices = { ...plainCopy, copyType: 'copyAndEncrypt', key: 'default' };

interface RefusalCase {
  name: string;
  choices: RequestChoices;
  who?: Who;
  blockId: string;
  says: RegExp;
}

const cases: RefusalCase[] = [
  {
    name: 'a standard copy within one region',
    choices: { ...plainCopy, destinationRegionId: 'cn-hangzhou' },
    blockId: 'destination_region',
    says: /different region/,
  },
  {
    name: 'a standard copy of an encrypted snapshot',
    choices: { ...plainCopy, sourceSnapshotId: 's-bp1db01data00000001' },
    blockId: 'copy_type',
    says: /encrypted.*Copy and Encrypt/,
  },
  {
    name: 'a snapshot still being created',
    choices: { ...plainCopy, sourceSnapshotId: 's-bp1logs01data000002' },
    blockId: 'source_snapshot',
    says: /still being created/,
  },
  {
    name: 'a failed snapshot',
    choices: { ...plainCopy, sourceSnapshotId: 's-bp1logs01data000003' },
    blockId: 'source_snapshot',
    says: /failed/,
  },
  {
    name: 'an archived snapshot',
    choices: { ...plainCopy, sourceSnapshotId: 's-bp1logs01archive001' },
    blockId: 'source_snapshot',
    says: /archived/,
  },
  {
    name: 'a local (flash) snapshot',
    choices: { ...plainCopy, sourceSnapshotId: 's-bp1cache01flash0001' },
    blockId: 'source_snapshot',
    says: /local \(flash\)/,
  },
  {
    name: 'a snapshot that is not in the source region',
    choices: { ...plainCopy, sourceSnapshotId: undefined },
    who: { text: 's-bp1nosuchsnap00001' },
    blockId: 'source_snapshot',
    says: /not found in cn-hangzhou/,
  },
  {
    name: 'Copy and Encrypt to cn-nanjing',
    choices: { ...encryptedCopy, destinationRegionId: 'cn-nanjing' },
    blockId: 'destination_region',
    says: /closing down/,
  },
  {
    name: 'a name that does not start with a letter',
    choices: { ...plainCopy, name: '1-copy' },
    blockId: 'name',
    says: /must start with a letter/,
  },
  {
    name: 'a name with a URL prefix',
    choices: { ...plainCopy, name: 'https://copy' },
    blockId: 'name',
    says: /http/,
  },
  {
    name: 'a description with a URL prefix',
    choices: { ...plainCopy, description: 'http://example.com/copy' },
    blockId: 'description',
    says: /http/,
  },
  {
    name: 'retention of 0 days',
    choices: { ...plainCopy, retentionDays: '0' },
    blockId: 'retention_days',
    says: /1 to 65536/,
  },
  {
    name: 'retention over 65536 days',
    choices: { ...plainCopy, retentionDays: '70000' },
    blockId: 'retention_days',
    says: /1 to 65536/,
  },
  {
    name: 'a tag key starting with aliyun',
    choices: { ...plainCopy, tags: 'aliyun-team=x' },
    blockId: 'tags',
    says: /aliyun/,
  },
  {
    name: 'a tag key starting with acs:',
    choices: { ...plainCopy, tags: 'acs:team=x' },
    blockId: 'tags',
    says: /acs:/,
  },
  {
    name: 'duplicate tag keys',
    choices: { ...plainCopy, tags: 'env=a\nenv=b' },
    blockId: 'tags',
    says: /env/,
  },
  { name: 'an empty tag key', choices: { ...plainCopy, tags: '=value' }, blockId: 'tags', says: /key/i },
  {
    name: 'too many tags',
    choices: { ...plainCopy, tags: Array.from({ length: 21 }, (_, i) => `k${i}=v`).join('\n') },
    blockId: 'tags',
    says: /tags/,
  },
  {
    name: 'a line that is not key=value',
    choices: { ...plainCopy, tags: 'just-a-word' },
    blockId: 'tags',
    says: /key=value/,
  },
];

async function submitRefused(choices: RequestChoices, who: Who = {}) {
  const userId = who.userId ?? ids.requester;
  const viewId = await harness.fillRequest({ name: 'dr-copy', reason: 'DR drill', ...choices }, who);
  const submission = await harness.slack.driver.submitView({ userId, viewId });
  expect(submission.outcome).toBe('errors');
  return harness.slack.state.view(viewId)!.errors;
}

describe('refusals known at submit are shown inline on their input', () => {
  it.each(cases)('$name', async ({ choices, who, blockId, says }) => {
    const copiesBefore = harness.cloud.calls.callsTo('CopySnapshot').length;
    const errors = await submitRefused(choices, who);
    expect(errors[blockId]).toMatch(says);
    expect(harness.cloud.calls.callsTo('CopySnapshot').length).toBe(copiesBefore);
  });

  it('Copy and Encrypt while KMS is not activated', async () => {
    harness.cloud.world.setKmsStatus('NotEnabled');
    try {
      const errors = await submitRefused(encryptedCopy);
      expect(errors.copy_type).toMatch(/KMS/);
    } finally {
      harness.cloud.world.setKmsStatus('Enabled');
    }
  });

  it('a key that was disabled after it was chosen', async () => {
    const viewId = await harness.fillRequest({
      ...encryptedCopy,
      key: 'cmk:key-uf6drarchive000001',
      name: 'dr-copy',
      reason: 'archive',
    });
    harness.cloud.world.setKeyState('key-uf6drarchive000001', 'Disabled');
    try {
      const submission = await harness.slack.driver.submitView({ userId: ids.requester, viewId });
      expect(submission.outcome).toBe('errors');
      expect(harness.slack.state.view(viewId)!.errors.key).toMatch(
        /alias\/dr-archive|key-uf6drarchive000001/,
      );
    } finally {
      harness.cloud.world.setKeyState('key-uf6drarchive000001', 'Enabled');
    }
  });

  it('offers neither disabled nor asymmetric keys, nor a standard copy of an encrypted snapshot', async () => {
    const viewId = await harness.fillRequest({
      sourceRegionId: 'cn-hangzhou',
      sourceSnapshotId: 's-bp1db01data00000001',
      destinationRegionId: 'cn-hangzhou',
    });
    const blocks = JSON.stringify(harness.slack.state.view(viewId)!.view.blocks);
    expect(blocks).toContain('cmk:key-hzz62b7app0data0001');
    for (const unusable of [
      'key-hzz6disabled000001',
      'key-hzz6pendingdel0001',
      'key-hzz6byokimport0001',
      'key-hzz6rsasigning0001',
    ]) {
      expect(blocks).not.toContain(unusable);
    }
    expect(blocks).not.toContain('"value":"copy"');
    expect(blocks).toContain('320 GiB');
  });

  it('a second copy of the same disk to the same region while the first is unfinished names the request holding it', async () => {
    const first = await harness.request({ ...plainCopy, sourceSnapshotId: 's-bp1web01sys00000001' });
    const holder = first.request!.requestId;
    await harness.waitForStatus(holder, 'awaitingApproval');
    const approval = await harness.message(ids.approvalsChannel, holder);
    await harness.slack.driver.clickButton({
      userId: ids.approver,
      channelId: ids.approvalsChannel,
      messageTs: approval.ts,
      actionId: 'snapcopy_approve',
    });
    await harness.waitForStatus(holder, 'inProgress');
    const errors = await submitRefused(plainCopy);
    expect(errors.destination_region).toContain(holder);
  });
});
