import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudGateway } from '../../../src/cloud/cloud-gateway.ts';
import type { AlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { startStandInGateway } from './stand-in-gateway.ts';

const REGION = 'cn-hangzhou';
const TAGGED_DISKS = 520;

/** More tagged disks than one DescribeDisks page holds, half of them also tagged tier=gold. */
function crowdedWorld() {
  const diskIds = Array.from({ length: TAGGED_DISKS }, (_, i) => `d-bp1crowd${String(i).padStart(10, '0')}`);
  return {
    accountId: '5123456789012345',
    regions: [{ regionId: REGION, localName: 'China (Hangzhou)' }],
    disks: diskIds.map((diskId, i) => ({
      diskId,
      regionId: REGION,
      sizeGiB: 20,
      tags: i % 2 === 0 ? { team: 'crowd', tier: 'gold' } : { team: 'crowd' },
    })),
    keys: [],
    snapshots: diskIds.slice(0, 12).flatMap((diskId, i) => [
      { snapshotId: `s-bp1crowd${String(i).padStart(8, '0')}a1`, regionId: REGION, diskId, fullSizeGiB: 5 },
      { snapshotId: `s-bp1crowd${String(i).padStart(8, '0')}b2`, regionId: REGION, diskId, fullSizeGiB: 6 },
    ]),
  };
}

describe('findDisks and findDiskSnapshots against the default world', () => {
  let standIn: AlibabaStandIn;
  let gateway: CloudGateway;
  beforeAll(async () => {
    ({ standIn, gateway } = await startStandInGateway());
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('finds every disk of an instance, with its instance, type and tags', async () => {
    const disks = await gateway.findDisks(REGION, { kind: 'instance', instanceId: 'i-bp1erp0100000000001' });
    expect(disks.map((disk) => disk.diskId).sort()).toEqual([
      'd-bp1erp01orders0001',
      'd-bp1erp01reports001',
      'd-bp1erp01scratch001',
      'd-bp1erp01system0001',
      'd-bp1erp01uploads001',
    ]);
    expect(disks.every((disk) => disk.instanceId === 'i-bp1erp0100000000001')).toBe(true);
    expect(disks.find((disk) => disk.diskId === 'd-bp1erp01system0001')?.type).toBe('system');
    expect(disks.find((disk) => disk.diskId === 'd-bp1erp01orders0001')?.type).toBe('data');
  });

  it('finds the disks carrying a tag across instances, with their tags', async () => {
    const disks = await gateway.findDisks(REGION, { kind: 'tags', tags: [{ key: 'app', value: 'db' }] });
    expect(disks.map((disk) => disk.instanceId).sort()).toEqual([
      'i-bp1db0100000000001',
      'i-bp1db0200000000001',
      'i-bp1db0300000000001',
    ]);
    expect(disks[0]?.tags).toContainEqual({ key: 'app', value: 'db' });
  });

  it('refuses to select by an empty tag list instead of returning the whole region', async () => {
    standIn.calls.clear();
    await expect(gateway.findDisks(REGION, { kind: 'tags', tags: [] })).rejects.toThrow(/at least one tag/);
    expect(standIn.calls.count('DescribeDisks')).toBe(0);
  });

  it('answers no disks for an instance that does not exist', async () => {
    await expect(
      gateway.findDisks(REGION, { kind: 'instance', instanceId: 'i-bp1nosuchinstance01' }),
    ).resolves.toEqual([]);
  });
});

describe('findDisks and findDiskSnapshots against a crowded region', () => {
  let standIn: AlibabaStandIn;
  let gateway: CloudGateway;
  let directory: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'snapcopy-disks-'));
    const worldFile = join(directory, 'world.json');
    writeFileSync(worldFile, JSON.stringify(crowdedWorld()));
    ({ standIn, gateway } = await startStandInGateway({}, { worldFile }));
  });
  afterAll(async () => {
    await standIn.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('pages past 500 disks with NextToken, 500 at a time', async () => {
    standIn.calls.clear();
    const disks = await gateway.findDisks(REGION, { kind: 'tags', tags: [{ key: 'team', value: 'crowd' }] });
    expect(new Set(disks.map((disk) => disk.diskId)).size).toBe(TAGGED_DISKS);
    const calls = standIn.calls.callsTo('DescribeDisks');
    expect(calls.map((call) => call.params.MaxResults)).toEqual(['500', '500']);
    expect(calls[1]?.params.NextToken).toBeTruthy();
  });

  it('keeps only the disks that carry every given tag', async () => {
    const disks = await gateway.findDisks(REGION, {
      kind: 'tags',
      tags: [
        { key: 'team', value: 'crowd' },
        { key: 'tier', value: 'gold' },
      ],
    });
    expect(disks).toHaveLength(TAGGED_DISKS / 2);
    expect(disks.every((disk) => disk.tags.some((tag) => tag.key === 'tier'))).toBe(true);
  });

  it('finds the snapshots of more than 8 disks, one filtered call per disk, at most 8 at a time', async () => {
    const diskIds = crowdedWorld()
      .disks.slice(0, 12)
      .map((disk) => disk.diskId);
    standIn.calls.clear();
    // Each reply is held back, so the calls the gateway has open at once pile up on the stand-in.
    standIn.faults.inject({ action: 'DescribeSnapshots', kind: 'delay', delayMs: 150 });
    let mostInFlight = 0;
    const sampler = setInterval(() => {
      const open = standIn.calls.callsTo('DescribeSnapshots').filter((call) => call.status === undefined);
      mostInFlight = Math.max(mostInFlight, open.length);
    }, 10);
    try {
      const snapshots = await gateway.findDiskSnapshots(REGION, diskIds);
      expect(snapshots).toHaveLength(24);
      expect(new Set(snapshots.map((snapshot) => snapshot.sourceDiskId))).toEqual(new Set(diskIds));
    } finally {
      clearInterval(sampler);
      standIn.faults.clear();
    }
    const filtered = standIn.calls.callsTo('DescribeSnapshots').map((call) => call.params.DiskId);
    expect(filtered.sort()).toEqual([...diskIds].sort());
    expect(mostInFlight).toBe(8);
  });
});
