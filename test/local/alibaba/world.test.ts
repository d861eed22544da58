import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/local/alibaba/clock.ts';
import { World } from '../../../src/local/alibaba/world.ts';
import { parseWorld, readWorldFile } from '../../../src/local/alibaba/world-file.ts';

const frozenClock = () => new SimulatedClock({ speed: 0 });

describe('the default world', () => {
  const world = new World(readWorldFile(), frozenClock());
  const regionIds = world.regions().map((r) => r.regionId);
  const snapshots = regionIds.flatMap((id) => world.snapshotsIn(id));
  const keys = regionIds.flatMap((id) => world.keysIn(id));

  it('has the regions the demo needs, cn-nanjing refusing encrypted copies', () => {
    expect(regionIds).toEqual(
      expect.arrayContaining(['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1', 'cn-nanjing']),
    );
    expect(world.region('cn-nanjing')?.encryptedCopySupported).toBe(false);
  });

  it('has at least 12 snapshots of every kind a copy can meet', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(12);
    expect(new Set(snapshots.map((s) => s.status))).toEqual(
      new Set(['accomplished', 'progressing', 'failed']),
    );
    expect(new Set(snapshots.map((s) => s.category))).toEqual(new Set(['standard', 'archive', 'flash']));
    expect(snapshots.some((s) => s.encrypted && s.kmsKeyId)).toBe(true);
    expect(new Set(regionIds.flatMap((id) => world.disksIn(id)).map((d) => d.sizeGiB)).size).toBeGreaterThan(
      4,
    );
  });

  it('has keys in every state, an asymmetric key and alias/acs/ecs in every region', () => {
    expect(new Set(keys.map((k) => k.keyState))).toEqual(
      new Set(['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport']),
    );
    expect(keys.some((k) => k.keySpec === 'RSA_2048' && k.keyUsage === 'SIGN/VERIFY')).toBe(true);
    for (const regionId of regionIds) {
      expect('key' in world.resolveKey(regionId, 'alias/acs/ecs')).toBe(true);
    }
  });

  it('holds earlier copies of one disk in a destination region, under different keys', () => {
    const copies = world
      .snapshotsIn('cn-shanghai')
      .filter((s) => s.sourceDiskId === 'd-bp1web01system00001' && s.sourceRegionId === 'cn-hangzhou');
    expect(new Set(copies.map((s) => s.kmsKeyId ?? 'none')).size).toBeGreaterThanOrEqual(3);
  });
});

describe('world files', () => {
  const minimal = {
    accountId: '1',
    regions: [{ regionId: 'r-1', localName: 'Region one' }],
    disks: [{ diskId: 'd-1', regionId: 'r-1', sizeGiB: 10 }],
    snapshots: [{ snapshotId: 's-1', regionId: 'r-1', diskId: 'd-1', fullSizeGiB: 4 }],
  };

  it('fill in defaults and a service key for every region', () => {
    const world = new World(parseWorld(minimal), frozenClock());
    expect(world.kmsStatus()).toBe('Enabled');
    expect(world.snapshot('s-1')).toMatchObject({
      status: 'accomplished',
      category: 'standard',
      sourceDiskSizeGiB: 10,
    });
    const lookup = world.resolveKey('r-1', 'alias/acs/ecs');
    expect('key' in lookup && lookup.key.serviceManaged).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a missing field', { ...minimal, accountId: undefined }, 'world.accountId must be a string'],
    [
      'a wrong type',
      { ...minimal, disks: [{ diskId: 'd-1', regionId: 'r-1', sizeGiB: '10' }] },
      'world.disks[0].sizeGiB must be a number',
    ],
    [
      'an unknown status',
      { ...minimal, snapshots: [{ ...minimal.snapshots[0], status: 'done' }] },
      'world.snapshots[0].status must be one of',
    ],
    [
      'a disk that does not exist',
      { ...minimal, snapshots: [{ ...minimal.snapshots[0], diskId: 'd-2' }] },
      'unknown disk d-2',
    ],
    [
      'a region that does not exist',
      { ...minimal, disks: [{ diskId: 'd-1', regionId: 'r-2', sizeGiB: 1 }] },
      'unknown region r-2',
    ],
    [
      'a duplicate snapshot',
      { ...minimal, snapshots: [minimal.snapshots[0], minimal.snapshots[0]] },
      'snapshot "s-1" appears twice',
    ],
    [
      'encryption without a key',
      { ...minimal, snapshots: [{ ...minimal.snapshots[0], encrypted: true }] },
      'encrypted and kmsKeyId',
    ],
    ['no regions', { ...minimal, regions: [] }, 'regions must not be empty'],
    ['not an object', [], 'world must be an object'],
  ])('are refused with a message naming the place of %s', (_case, raw, message) => {
    expect(() => parseWorld(raw)).toThrow(message);
  });

  it('refuse an alias used twice in one region', () => {
    const keys = [
      { keyId: 'k-1', regionId: 'r-1', aliases: ['alias/a'] },
      { keyId: 'k-2', regionId: 'r-1', aliases: ['alias/a'] },
    ];
    expect(() => new World(parseWorld({ ...minimal, keys }), frozenClock())).toThrow('alias/a is used twice');
  });

  it('that cannot be read name the file', () => {
    expect(() => readWorldFile('/nonexistent/world.json')).toThrow('/nonexistent/world.json');
  });
});

describe('snapshots seeded mid-flight', () => {
  it('progress with the clock from where the file left them', () => {
    const clock = new SimulatedClock({ speed: 0 });
    const world = new World(readWorldFile(), clock);
    expect(world.snapshot('s-bp1logs01data000002')).toMatchObject({ progress: 45, remainTimeSeconds: 1800 });
    clock.advance(900_000);
    expect(world.snapshot('s-bp1logs01data000002')?.remainTimeSeconds).toBe(900);
    clock.advance(900_000);
    expect(world.snapshot('s-bp1logs01data000002')?.status).toBe('accomplished');
    expect(world.snapshot('s-bp1logs01data000003')).toMatchObject({ status: 'failed', progress: 30 });
  });

  it('cannot be failed again once finished', () => {
    const world = new World(readWorldFile(), frozenClock());
    expect(() => world.failCopy('s-bp1web01sys00000001')).toThrow('not a progressing copy');
    expect(() => world.setKeyState('key-none', 'Disabled')).toThrow('no KMS key');
  });
});
