/**
 * Read-only cloud lists for the modal's pickers, with short caches so that typing in a picker
 * or switching a radio button does not cost a cloud round trip each time.
 */
import type { CloudGateway, KmsKey, Region, Snapshot } from '../cloud/cloud-gateway.ts';
import type { RegionId } from '../domain/copy-request.ts';

export type CatalogGateway = Pick<
  CloudGateway,
  'listRegions' | 'describeSnapshots' | 'searchSnapshots' | 'listKeys'
>;

export interface CloudCatalog {
  /** Regions offered in the pickers: the allow-list when configured, else all the account sees. */
  regions(): Promise<Region[]>;
  searchSnapshots(regionId: RegionId, query: string, maxResults: number): Promise<Snapshot[]>;
  snapshot(regionId: RegionId, snapshotId: string): Promise<Snapshot | undefined>;
  /** The region that holds a snapshot ID, searched across the offered regions. */
  locateSnapshot(snapshotId: string): Promise<Snapshot | undefined>;
  /** Keys a copy can be encrypted under: enabled, symmetric, not service-managed. */
  usableKeys(regionId: RegionId): Promise<KmsKey[]>;
}

export interface CloudCatalogOptions {
  gateway: CatalogGateway;
  allowedRegions?: string[];
  regionsTtlMs?: number;
  keysTtlMs?: number;
  now?: () => number;
}

const SYMMETRIC_KEY_SPECS = new Set(['Aliyun_AES_256', 'Aliyun_SM4']);

function isUsableKey(key: KmsKey): boolean {
  return (
    key.keyState === 'Enabled' &&
    SYMMETRIC_KEY_SPECS.has(key.keySpec) &&
    key.keyUsage === 'ENCRYPT/DECRYPT' &&
    !key.serviceManaged
  );
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

export function createCloudCatalog(options: CloudCatalogOptions): CloudCatalog {
  const { gateway } = options;
  const now = options.now ?? Date.now;
  const regionsTtl = options.regionsTtlMs ?? 10 * 60_000;
  const keysTtl = options.keysTtlMs ?? 60_000;
  const allowed = new Set(options.allowedRegions ?? []);
  let regions: Cached<Region[]> | undefined;
  const keys = new Map<RegionId, Cached<KmsKey[]>>();

  function cached<T>(entry: Cached<T> | undefined, ttl: number, load: () => Promise<T>): Cached<T> {
    if (entry && now() - entry.at < ttl) return entry;
    const fresh = { at: now(), value: load() };
    // A failed load must not be served from the cache.
    fresh.value.catch(() => {
      fresh.at = Number.NEGATIVE_INFINITY;
    });
    return fresh;
  }

  const catalog: CloudCatalog = {
    async regions() {
      regions = cached(regions, regionsTtl, async () => {
        const all = await gateway.listRegions();
        const offered = allowed.size > 0 ? all.filter((r) => allowed.has(r.regionId)) : all;
        return [...offered].sort((a, b) => a.regionId.localeCompare(b.regionId));
      });
      return regions.value;
    },
    async searchSnapshots(regionId, query, maxResults) {
      const page = await gateway.searchSnapshots(regionId, { query: query || undefined, maxResults });
      return page.snapshots.slice(0, maxResults);
    },
    async snapshot(regionId, snapshotId) {
      const [snapshot] = await gateway.describeSnapshots(regionId, [snapshotId]);
      return snapshot;
    },
    async locateSnapshot(snapshotId) {
      const offered = await catalog.regions();
      const found = await Promise.all(
        offered.map((r) => catalog.snapshot(r.regionId, snapshotId).catch(() => undefined)),
      );
      return found.find((s) => s !== undefined);
    },
    async usableKeys(regionId) {
      const entry = cached(keys.get(regionId), keysTtl, async () =>
        (await gateway.listKeys(regionId)).filter(isUsableKey),
      );
      keys.set(regionId, entry);
      return entry.value;
    },
  };
  return catalog;
}
