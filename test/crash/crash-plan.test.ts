/** The seeded plans behind a crash run: replayable, covering every script and kill point, never sharing a disk. */
import { describe, expect, it } from 'vitest';
import { copyableDisks, planBatches } from './batch-scripts.ts';
import { EVENT_KILL_POINTS, planKills } from './kill-plan.ts';
import { OTHER_REGION, planRequests, SCRIPT_KINDS, SOURCE_REGION } from './request-scripts.ts';
import { crashSeed, seededRandom } from './seeded-random.ts';

const planOptions = { count: 9, spreadMs: 3_000, copyGiB: { min: 100, max: 300 } };

describe('seededRandom', () => {
  it('replays the same decisions from the same seed, and others from another', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => random.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('takes the seed from SNAPCOPY_CRASH_SEED and refuses one that is not a 32-bit integer', () => {
    expect(crashSeed({ SNAPCOPY_CRASH_SEED: '123' })).toBe(123);
    expect(() => crashSeed({ SNAPCOPY_CRASH_SEED: 'abc' })).toThrow(/SNAPCOPY_CRASH_SEED/);
    expect(() => crashSeed({ SNAPCOPY_CRASH_SEED: String(2 ** 32) })).toThrow(/SNAPCOPY_CRASH_SEED/);
    const fresh = crashSeed({});
    expect(Number.isInteger(fresh) && fresh >= 0 && fresh < 2 ** 32).toBe(true);
  });
});

describe('planRequests', () => {
  it('has every kind of script once there is room, and the same plan for the same seed', () => {
    const plan = planRequests(seededRandom(7), planOptions);
    expect(new Set(plan.map((script) => script.kind))).toEqual(new Set(SCRIPT_KINDS));
    expect(planRequests(seededRandom(7), planOptions)).toEqual(plan);
  });

  it('gives every request its own requester, disk, snapshot and copy name', () => {
    const plan = planRequests(seededRandom(3), { ...planOptions, count: 30 });
    for (const field of ['requesterId', 'sourceDiskId', 'sourceSnapshotId', 'name'] as const) {
      expect(new Set(plan.map((script) => script[field])).size).toBe(plan.length);
    }
  });

  it('keeps automatically approved scripts in their region under the default key, and the others crossing', () => {
    const plan = planRequests(seededRandom(5), { ...planOptions, count: 30 });
    for (const script of plan) {
      const automatic = script.kind === 'automatic' || script.kind === 'cancelCopy';
      expect(script.destinationRegionId).toBe(automatic ? SOURCE_REGION : OTHER_REGION);
      expect(script.expected.approvalMessage).toBe(!automatic);
      if (automatic) expect(script).toMatchObject({ copyType: 'copyAndEncrypt', key: 'default' });
    }
  });

  it('follows given kinds in order', () => {
    const plan = planRequests(seededRandom(1), {
      ...planOptions,
      count: 3,
      kinds: ['expire', 'approve', 'expire'],
    });
    expect(plan.map((script) => script.kind)).toEqual(['expire', 'approve', 'expire']);
    expect(plan.map((script) => script.expected.status)).toEqual(['expired', 'done', 'expired']);
  });
});

describe('planKills', () => {
  it('kills at every event point once there is room, plus one expiry outage when asked', () => {
    const plan = planKills(seededRandom(9), 10, EVENT_KILL_POINTS, true);
    expect(plan).toHaveLength(11);
    expect(new Set(plan)).toEqual(new Set([...EVENT_KILL_POINTS, 'expiryWhileDown']));
    expect(plan.filter((point) => point === 'expiryWhileDown')).toHaveLength(1);
  });

  it('stays within the points it is given', () => {
    const plan = planKills(seededRandom(9), 6, ['copySnapshot', 'polling'], false);
    expect(plan).toHaveLength(6);
    expect(new Set(plan)).toEqual(new Set(['copySnapshot', 'polling']));
  });
});

describe('planBatches', () => {
  const kinds = ['batchApprove', 'batchCancel'] as const;
  const options = { kinds, spreadMs: 3_000, copyGiB: { min: 100, max: 300 } };

  it('gives each batch its own requester, instance and disks, none shared with a request', () => {
    const batches = planBatches(seededRandom(7), options);
    const requests = planRequests(seededRandom(7), planOptions);
    const disks = [
      ...batches.flatMap((b) => b.disks.map((d) => d.diskId)),
      ...requests.map((r) => r.sourceDiskId),
    ];
    expect(new Set(disks).size).toBe(disks.length);
    expect(new Set(batches.map((b) => b.instanceId)).size).toBe(batches.length);
    expect(new Set(batches.map((b) => b.requesterId)).size).toBe(batches.length);
    expect(batches.every((b) => b.destinationRegionId === OTHER_REGION)).toBe(true);
    expect(planBatches(seededRandom(7), options)).toEqual(batches);
  });

  it('refuses one disk of the approved batch up front, and keeps two copies of the cancelled one from finishing', () => {
    const [approve, cancel] = planBatches(seededRandom(11), options);
    expect(approve?.disks).toHaveLength(6);
    expect(copyableDisks(approve!)).toHaveLength(5);
    expect(approve?.expected).toBe('done');
    expect(cancel?.disks).toHaveLength(4);
    expect(copyableDisks(cancel!)).toHaveLength(4);
    // At the CI run's 60 GiB/min and 20× clock these copy for over 20 minutes of real time.
    expect(cancel?.disks.filter((d) => d.sizeGiB > 10_000)).toHaveLength(2);
    expect(cancel?.expected).toBe('cancelled');
  });
});
