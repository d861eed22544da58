/**
 * The JSON file a world is loaded from (format in README.md). Users replace it to demo their own
 * regions, disks, snapshots and keys, so every field is checked with a message naming where it is.
 */
import { readFileSync } from 'node:fs';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
export type KmsAccountStatus = 'Enabled' | 'NotEnabled' | 'InDebt' | 'Suspended';
export type SnapshotStatus = 'progressing' | 'accomplished' | 'failed';
export type SnapshotCategory = 'standard' | 'archive' | 'flash';

export interface RegionEntry {
  regionId: string;
  localName: string;
  /** False for regions that refuse encrypted copies (cn-nanjing, which is closing down). */
  encryptedCopySupported: boolean;
}

export interface DiskEntry {
  diskId: string;
  regionId: string;
  zoneId: string;
  name: string;
  sizeGiB: number;
  category: string;
  type: 'system' | 'data';
  encrypted: boolean;
  kmsKeyId?: string;
  status: string;
  instanceId?: string;
  tags: Record<string, string>;
  createdDaysAgo: number;
}

export interface KeyEntry {
  keyId: string;
  regionId: string;
  keyState: KeyState;
  keySpec: string;
  keyUsage: string;
  description: string;
  origin: string;
  protectionLevel: string;
  aliases: string[];
  serviceManaged: boolean;
  createdDaysAgo: number;
}

export interface SnapshotEntry {
  snapshotId: string;
  regionId: string;
  name: string;
  description: string;
  diskId: string;
  category: SnapshotCategory;
  snapshotType: 'user' | 'auto';
  status: SnapshotStatus;
  /** 0–100, for progressing and failed snapshots. */
  progress: number;
  /** Seconds left, for progressing snapshots. */
  remainTime: number;
  encrypted: boolean;
  kmsKeyId?: string;
  fullSizeGiB: number;
  createdHoursAgo: number;
  retentionDays?: number;
  tags: Record<string, string>;
  sourceSnapshotId?: string;
  sourceRegionId?: string;
}

export interface WorldFile {
  accountId: string;
  kmsStatus: KmsAccountStatus;
  /** How fast copies move in simulated time; a copy's duration is its billed size divided by this. */
  copyGiBPerMinute: number;
  regions: RegionEntry[];
  disks: DiskEntry[];
  keys: KeyEntry[];
  snapshots: SnapshotEntry[];
}

export const DEFAULT_WORLD_FILE = new URL('./default-world.json', import.meta.url);

export function readWorldFile(path: string | URL = DEFAULT_WORLD_FILE): WorldFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read world file ${String(path)}: ${(error as Error).message}`);
  }
  return parseWorld(raw);
}

export function parseWorld(raw: unknown): WorldFile {
  const root = new Fields(raw, 'world');
  const world: WorldFile = {
    accountId: root.string('accountId'),
    kmsStatus: root.oneOf('kmsStatus', ['Enabled', 'NotEnabled', 'InDebt', 'Suspended'], 'Enabled'),
    copyGiBPerMinute: root.number('copyGiBPerMinute', 60),
    regions: root.list('regions').map((f) => ({
      regionId: f.string('regionId'),
      localName: f.string('localName'),
      encryptedCopySupported: f.boolean('encryptedCopySupported', true),
    })),
    disks: root.list('disks').map((f) => ({
      diskId: f.string('diskId'),
      regionId: f.string('regionId'),
      zoneId: f.string('zoneId', `${f.string('regionId')}-a`),
      name: f.string('name', ''),
      sizeGiB: f.number('sizeGiB'),
      category: f.string('category', 'cloud_essd'),
      type: f.oneOf('type', ['system', 'data'], 'data'),
      encrypted: f.boolean('encrypted', false),
      kmsKeyId: f.optionalString('kmsKeyId'),
      status: f.string('status', 'In_use'),
      instanceId: f.optionalString('instanceId'),
      tags: f.stringMap('tags'),
      createdDaysAgo: f.number('createdDaysAgo', 90),
    })),
    keys: root.list('keys').map((f) => ({
      keyId: f.string('keyId'),
      regionId: f.string('regionId'),
      keyState: f.oneOf('keyState', ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'], 'Enabled'),
      keySpec: f.string('keySpec', 'Aliyun_AES_256'),
      keyUsage: f.string('keyUsage', 'ENCRYPT/DECRYPT'),
      description: f.string('description', ''),
      origin: f.string('origin', 'Aliyun_KMS'),
      protectionLevel: f.string('protectionLevel', 'SOFTWARE'),
      aliases: f.stringList('aliases'),
      serviceManaged: f.boolean('serviceManaged', false),
      createdDaysAgo: f.number('createdDaysAgo', 180),
    })),
    snapshots: root.list('snapshots').map((f) => ({
      snapshotId: f.string('snapshotId'),
      regionId: f.string('regionId'),
      name: f.string('name', ''),
      description: f.string('description', ''),
      diskId: f.string('diskId'),
      category: f.oneOf('category', ['standard', 'archive', 'flash'], 'standard'),
      snapshotType: f.oneOf('snapshotType', ['user', 'auto'], 'user'),
      status: f.oneOf('status', ['progressing', 'accomplished', 'failed'], 'accomplished'),
      progress: f.number('progress', 0),
      remainTime: f.number('remainTime', 600),
      encrypted: f.boolean('encrypted', false),
      kmsKeyId: f.optionalString('kmsKeyId'),
      fullSizeGiB: f.number('fullSizeGiB'),
      createdHoursAgo: f.number('createdHoursAgo', 24),
      retentionDays: f.optionalNumber('retentionDays'),
      tags: f.stringMap('tags'),
      sourceSnapshotId: f.optionalString('sourceSnapshotId'),
      sourceRegionId: f.optionalString('sourceRegionId'),
    })),
  };
  checkReferences(world);
  return world;
}

function checkReferences(world: WorldFile): void {
  const regions = new Set(world.regions.map((r) => r.regionId));
  const disks = new Set(world.disks.map((d) => d.diskId));
  const keys = new Set(world.keys.map((k) => k.keyId));
  if (regions.size === 0) throw new Error('world: regions must not be empty');
  const unique = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new Error(`world: ${kind} "${id}" appears twice`);
      seen.add(id);
    }
  };
  unique(
    'region',
    world.regions.map((r) => r.regionId),
  );
  unique(
    'disk',
    world.disks.map((d) => d.diskId),
  );
  unique(
    'key',
    world.keys.map((k) => k.keyId),
  );
  unique(
    'snapshot',
    world.snapshots.map((s) => s.snapshotId),
  );
  const need = (ok: boolean, message: string) => {
    if (!ok) throw new Error(`world: ${message}`);
  };
  for (const disk of world.disks) {
    need(regions.has(disk.regionId), `disk ${disk.diskId} is in unknown region ${disk.regionId}`);
    need(!disk.kmsKeyId || keys.has(disk.kmsKeyId), `disk ${disk.diskId} uses unknown key ${disk.kmsKeyId}`);
  }
  for (const key of world.keys)
    need(regions.has(key.regionId), `key ${key.keyId} is in unknown region ${key.regionId}`);
  for (const s of world.snapshots) {
    need(regions.has(s.regionId), `snapshot ${s.snapshotId} is in unknown region ${s.regionId}`);
    need(disks.has(s.diskId), `snapshot ${s.snapshotId} refers to unknown disk ${s.diskId}`);
    need(!s.kmsKeyId || keys.has(s.kmsKeyId), `snapshot ${s.snapshotId} uses unknown key ${s.kmsKeyId}`);
    need(
      s.encrypted === Boolean(s.kmsKeyId),
      `snapshot ${s.snapshotId}: encrypted and kmsKeyId must go together`,
    );
    need(s.progress >= 0 && s.progress <= 100, `snapshot ${s.snapshotId}: progress must be 0–100`);
  }
  need(world.copyGiBPerMinute > 0, 'copyGiBPerMinute must be positive');
}

/** Reads one JSON object's fields, naming the path in every error. */
class Fields {
  private readonly object: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly path: string,
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`${path} must be an object`);
    }
    this.object = value as Record<string, unknown>;
  }

  private read<T>(name: string, check: (v: unknown) => v is T, what: string, fallback?: T): T {
    const value = this.object[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (!check(value)) throw new Error(`${this.path}.${name} must be ${what}`);
    return value;
  }

  string(name: string, fallback?: string): string {
    return this.read(name, (v): v is string => typeof v === 'string', 'a string', fallback);
  }

  optionalString(name: string): string | undefined {
    return this.object[name] === undefined ? undefined : this.string(name);
  }

  number(name: string, fallback?: number): number {
    return this.read(
      name,
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
      'a number',
      fallback,
    );
  }

  optionalNumber(name: string): number | undefined {
    return this.object[name] === undefined ? undefined : this.number(name);
  }

  boolean(name: string, fallback: boolean): boolean {
    return this.read(name, (v): v is boolean => typeof v === 'boolean', 'true or false', fallback);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const isAllowed = (v: unknown): v is T => allowed.includes(v as T);
    return this.read(name, isAllowed, `one of ${allowed.join(', ')}`, fallback);
  }

  stringList(name: string): string[] {
    const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    return this.read(name, isList, 'a list of strings', []);
  }

  stringMap(name: string): Record<string, string> {
    const isMap = (v: unknown): v is Record<string, string> =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.values(v).every((s) => typeof s === 'string');
    return this.read(name, isMap, 'an object of strings', {});
  }

  list(name: string): Fields[] {
    const value = this.object[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new Error(`${this.path}.${name} must be a list`);
    return value.map((item, i) => new Fields(item, `${this.path}.${name}[${i}]`));
  }
}
