/**
 * The cloud panel's data: the Alibaba stand-in's admin state (`GET /_standin/state`), fetched
 * server-side and reduced to what the panel draws; the clock speed is set through
 * `POST /_standin/clock`. Only the stand-in's HTTP admin API is used, so the panel works against a
 * stand-in running in another process too.
 */
import { PlaygroundRequestError } from './json-body.ts';

export interface CloudSnapshot {
  id: string;
  name: string;
  status: string;
  /** 0–100 */
  progress: number;
  remainTimeSeconds?: number;
  sizeGiB?: number;
  category: string;
  encrypted: boolean;
  /** The key's alias when it has one, else its ID. */
  keyId?: string;
  isCopy: boolean;
  sourceSnapshotId?: string;
  sourceRegionId?: string;
}

export interface CloudRegion {
  id: string;
  name: string;
  snapshots: CloudSnapshot[];
}

export interface CloudPanelState {
  /** Simulated epoch ms. */
  now?: number;
  speed: number;
  regions: CloudRegion[];
}

export interface CloudPanelSource {
  read(): Promise<CloudPanelState>;
  setSpeed(speed: number): Promise<void>;
}

type Raw = Record<string, unknown>;

const objects = (value: unknown): Raw[] =>
  Array.isArray(value) ? value.filter((item): item is Raw => typeof item === 'object' && item !== null) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const GIB = 1024 ** 3;

function keyLabel(keyId: string | undefined, keys: Raw[]): string | undefined {
  if (keyId === undefined) return undefined;
  const aliases = keys.find((key) => key.keyId === keyId)?.aliases;
  const alias = Array.isArray(aliases) ? text(aliases[0]) : undefined;
  return alias ? `${alias} (${keyId})` : keyId;
}

function toSnapshot(raw: Raw, keys: Raw[]): CloudSnapshot {
  const sourceSnapshotId = text(raw.sourceSnapshotId);
  const sourceRegionId = text(raw.sourceRegionId);
  const bytes = number(raw.fullSizeBytes);
  const remain = number(raw.remainTimeSeconds);
  const keyId = keyLabel(text(raw.kmsKeyId), keys);
  return {
    id: text(raw.snapshotId) ?? '?',
    name: text(raw.name) ?? '',
    status: text(raw.status) ?? 'unknown',
    progress: Math.max(0, Math.min(100, Math.round(number(raw.progress) ?? 0))),
    ...(remain === undefined ? {} : { remainTimeSeconds: Math.round(remain) }),
    ...(bytes === undefined ? {} : { sizeGiB: Math.round((bytes / GIB) * 10) / 10 }),
    category: text(raw.category) ?? 'standard',
    encrypted: raw.encrypted === true,
    ...(keyId === undefined ? {} : { keyId }),
    isCopy: sourceSnapshotId !== undefined,
    ...(sourceSnapshotId === undefined ? {} : { sourceSnapshotId }),
    ...(sourceRegionId === undefined ? {} : { sourceRegionId }),
  };
}

const newestFirst = (a: Raw, b: Raw) =>
  (text(b.creationTime) ?? '').localeCompare(text(a.creationTime) ?? '');

/** Reduces the admin state to the panel's shape; unknown or missing fields are tolerated. */
export function toCloudPanelState(raw: unknown): CloudPanelState {
  const state = (typeof raw === 'object' && raw !== null ? raw : {}) as Raw;
  const now = Date.parse(text(state.now) ?? '');
  return {
    ...(Number.isNaN(now) ? {} : { now }),
    speed: number(state.speed) ?? 1,
    regions: objects(state.regions).map((region) => {
      const keys = objects(region.keys);
      return {
        id: text(region.regionId) ?? '?',
        name: text(region.localName) ?? '',
        snapshots: objects(region.snapshots)
          .sort(newestFirst)
          .map((snapshot) => toSnapshot(snapshot, keys)),
      };
    }),
  };
}

export function cloudPanelSource(alibabaUrl: string): CloudPanelSource {
  const admin = new URL('/_standin/', alibabaUrl);
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, admin), { ...init, signal: AbortSignal.timeout(5000) });
    const body: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = text((body as { error?: unknown }).error) ?? `HTTP ${response.status}`;
      throw new PlaygroundRequestError(502, `the cloud stand-in refused: ${message}`);
    }
    return body;
  };
  return {
    read: async () => toCloudPanelState(await call('state')),
    async setSpeed(speed) {
      await call('clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ speed }),
      });
    },
  };
}
