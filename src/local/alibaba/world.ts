/**
 * The stand-in's in-memory cloud: regions, disks, snapshots and KMS keys, loaded from a world file.
 * Actions read and change it; tests use the same accessors to set up and inspect state.
 */
import { randomBytes } from 'node:crypto';
import { formatTimestamp, type SimulatedClock } from './clock.ts';
import {
  failedTimeline,
  finishedTimeline,
  lifecycleAt,
  resumedTimeline,
  type Timeline,
} from './snapshot-lifecycle.ts';
import type {
  DiskEntry,
  KeyEntry,
  KeyState,
  KmsAccountStatus,
  RegionEntry,
  SnapshotCategory,
  SnapshotEntry,
  SnapshotStatus,
  WorldFile,
} from './world-file.ts';

export const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** KMS's default pending window before a scheduled key is deleted. */
const DELETION_WINDOW_MS = 7 * DAY_MS;

export interface Tag {
  key: string;
  value: string;
}

export type Region = RegionEntry;

export interface Disk extends Omit<DiskEntry, 'createdDaysAgo' | 'tags'> {
  tags: Tag[];
  creationTime: number;
}

export interface KmsKey extends Omit<KeyEntry, 'createdDaysAgo'> {
  arn: string;
  creationTime: number;
  /** Set while the key is PendingDeletion. */
  deleteDate?: number;
}

/** What a snapshot is made of; its status and progress come from the timeline. */
export interface SnapshotRecord {
  snapshotId: string;
  regionId: string;
  name: string;
  description: string;
  category: SnapshotCategory;
  snapshotType: 'user' | 'auto';
  sourceDiskId: string;
  sourceDiskSizeGiB: number;
  sourceDiskType: 'system' | 'data';
  encrypted: boolean;
  kmsKeyId?: string;
  fullSizeBytes: number;
  creationTime: number;
  retentionDays?: number;
  tags: Tag[];
  sourceSnapshotId?: string;
  sourceRegionId?: string;
  timeline: Timeline;
}

/** A snapshot as read at one instant of the simulated clock. */
export interface SnapshotView extends Omit<SnapshotRecord, 'timeline' | 'creationTime'> {
  status: SnapshotStatus;
  progress: number;
  remainTimeSeconds: number;
  /** Usable to create or roll back a disk: only once accomplished. */
  available: boolean;
  creationTime: string;
}

export type KeyLookup = { key: KmsKey } | { missing: 'key' | 'alias' };

export class World {
  readonly accountId: string;
  readonly copyGiBPerMinute: number;
  private readonly regionList: Region[];
  private readonly disks = new Map<string, Disk>();
  private readonly keys = new Map<string, KmsKey>();
  private readonly snapshots = new Map<string, SnapshotRecord>();
  private accountKmsStatus: KmsAccountStatus;

  constructor(
    file: WorldFile,
    private readonly clock: SimulatedClock,
  ) {
    const now = clock.now();
    this.accountId = file.accountId;
    this.copyGiBPerMinute = file.copyGiBPerMinute;
    this.accountKmsStatus = file.kmsStatus;
    this.regionList = file.regions.map((region) => ({ ...region }));
    for (const { createdDaysAgo, tags, ...disk } of file.disks) {
      this.disks.set(disk.diskId, {
        ...disk,
        tags: tagList(tags),
        creationTime: now - createdDaysAgo * DAY_MS,
      });
    }
    for (const entry of [...file.keys, ...this.missingServiceKeys(file.keys)]) this.addKey(entry, now);
    for (const entry of file.snapshots) this.snapshots.set(entry.snapshotId, this.seededSnapshot(entry, now));
  }

  // Regions and account

  regions(): readonly Region[] {
    return this.regionList;
  }

  region(regionId: string): Region | undefined {
    return this.regionList.find((region) => region.regionId === regionId);
  }

  kmsStatus(): KmsAccountStatus {
    return this.accountKmsStatus;
  }

  setKmsStatus(status: KmsAccountStatus): void {
    this.accountKmsStatus = status;
  }

  // Disks

  disk(diskId: string): Disk | undefined {
    return this.disks.get(diskId);
  }

  disksIn(regionId: string): Disk[] {
    return [...this.disks.values()].filter((disk) => disk.regionId === regionId);
  }

  // KMS keys

  key(keyId: string): KmsKey | undefined {
    return this.keys.get(keyId);
  }

  keysIn(regionId: string): KmsKey[] {
    return [...this.keys.values()].filter((key) => key.regionId === regionId);
  }

  /** KMS is regional: a key ID, `alias/…` or ARN resolves only within `regionId`. */
  resolveKey(regionId: string, reference: string): KeyLookup {
    const arn = /^acs:kms:([^:]+):([^:]+):(key|alias)\/(.+)$/.exec(reference);
    const kind = arn ? arn[3] : reference.startsWith('alias/') ? 'alias' : 'key';
    const name = arn ? (arn[3] === 'alias' ? `alias/${arn[4]}` : arn[4]) : reference;
    const inScope = !arn || (arn[1] === regionId && arn[2] === this.accountId);
    const key = inScope
      ? this.keysIn(regionId).find((k) =>
          kind === 'alias' ? k.aliases.includes(name ?? '') : k.keyId === name,
        )
      : undefined;
    return key ? { key } : { missing: kind === 'alias' ? 'alias' : 'key' };
  }

  /** Disabling or scheduling a key fails every copy still being encrypted under it. */
  setKeyState(keyId: string, state: KeyState): void {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no KMS key ${keyId} in this world`);
    const now = this.clock.now();
    key.keyState = state;
    key.deleteDate = state === 'PendingDeletion' ? now + DELETION_WINDOW_MS : undefined;
    if (state === 'Enabled') return;
    for (const record of this.snapshots.values()) {
      if (record.kmsKeyId === keyId && this.statusOf(record, now) === 'progressing')
        record.timeline.failedAt = now;
    }
  }

  // Snapshots

  snapshot(snapshotId: string): SnapshotView | undefined {
    const record = this.snapshots.get(snapshotId);
    return record && this.view(record);
  }

  /** Newest first, as DescribeSnapshots lists them. */
  snapshotsIn(regionId: string): SnapshotView[] {
    return [...this.snapshots.values()]
      .filter((record) => record.regionId === regionId)
      .sort((a, b) => b.creationTime - a.creationTime || a.snapshotId.localeCompare(b.snapshotId))
      .map((record) => this.view(record));
  }

  addSnapshot(record: Omit<SnapshotRecord, 'snapshotId'>): SnapshotView {
    const full = { ...record, snapshotId: newResourceId('s') };
    this.snapshots.set(full.snapshotId, full);
    return this.view(full);
  }

  /** Deleting a snapshot that is still progressing cancels it: it simply disappears. */
  deleteSnapshot(snapshotId: string): boolean {
    return this.snapshots.delete(snapshotId);
  }

  /** Fault injection: a progressing snapshot fails now. */
  failCopy(snapshotId: string): void {
    const record = this.snapshots.get(snapshotId);
    const now = this.clock.now();
    if (!record || this.statusOf(record, now) !== 'progressing') {
      throw new Error(`snapshot ${snapshotId} is not a progressing copy`);
    }
    record.timeline.failedAt = now;
  }

  private statusOf(record: SnapshotRecord, now: number): SnapshotStatus {
    return lifecycleAt(record.timeline, now).status;
  }

  private view({ timeline, creationTime, tags, ...record }: SnapshotRecord): SnapshotView {
    const state = lifecycleAt(timeline, this.clock.now());
    return {
      ...record,
      tags: tags.map((tag) => ({ ...tag })),
      creationTime: formatTimestamp(creationTime),
      status: state.status,
      progress: state.progress,
      remainTimeSeconds: state.remainTimeSeconds,
      available: state.status === 'accomplished',
    };
  }

  private addKey({ createdDaysAgo, ...entry }: KeyEntry, now: number): void {
    const taken = this.keysIn(entry.regionId).flatMap((key) => key.aliases);
    const clash = entry.aliases.find((alias) => taken.includes(alias));
    if (clash) throw new Error(`world: alias ${clash} is used twice in ${entry.regionId}`);
    this.keys.set(entry.keyId, {
      ...entry,
      aliases: [...entry.aliases],
      arn: `acs:kms:${entry.regionId}:${this.accountId}:key/${entry.keyId}`,
      creationTime: now - createdDaysAgo * DAY_MS,
      deleteDate: entry.keyState === 'PendingDeletion' ? now + DELETION_WINDOW_MS : undefined,
    });
  }

  /** Every region has ECS's default service key, so a world file need not list them. */
  private missingServiceKeys(keys: KeyEntry[]): KeyEntry[] {
    return this.regionList
      .filter(
        (region) =>
          !keys.some((k) => k.regionId === region.regionId && k.aliases.includes(SERVICE_KEY_ALIAS)),
      )
      .map((region) => ({
        keyId: `key-${region.regionId.replace(/-/g, '')}-acs-ecs`,
        regionId: region.regionId,
        keyState: 'Enabled',
        keySpec: 'Aliyun_AES_256',
        keyUsage: 'ENCRYPT/DECRYPT',
        description: 'Default service key of ECS',
        origin: 'Aliyun_KMS',
        protectionLevel: 'SOFTWARE',
        aliases: [SERVICE_KEY_ALIAS],
        serviceManaged: true,
        createdDaysAgo: 365,
      }));
  }

  private seededSnapshot(entry: SnapshotEntry, now: number): SnapshotRecord {
    const disk = this.disks.get(entry.diskId)!;
    const timelines: Record<SnapshotStatus, () => Timeline> = {
      accomplished: () => finishedTimeline(now - entry.createdHoursAgo * HOUR_MS),
      progressing: () => resumedTimeline(now, entry.progress, entry.remainTime),
      failed: () => failedTimeline(now, entry.progress),
    };
    return {
      snapshotId: entry.snapshotId,
      regionId: entry.regionId,
      name: entry.name,
      description: entry.description,
      category: entry.category,
      snapshotType: entry.snapshotType,
      sourceDiskId: disk.diskId,
      sourceDiskSizeGiB: disk.sizeGiB,
      sourceDiskType: disk.type,
      encrypted: entry.encrypted,
      kmsKeyId: entry.kmsKeyId,
      fullSizeBytes: Math.round(entry.fullSizeGiB * 2 ** 30),
      creationTime: now - entry.createdHoursAgo * HOUR_MS,
      retentionDays: entry.retentionDays,
      tags: tagList(entry.tags),
      sourceSnapshotId: entry.sourceSnapshotId,
      sourceRegionId: entry.sourceRegionId,
      timeline: timelines[entry.status](),
    };
  }
}

/** IDs shaped like the real ones (`s-bp67acfmxazb4p****`): a prefix and 20 lowercase characters. */
export function newResourceId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  return `${prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** World files write tags as an object; the APIs answer with a list. */
function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
