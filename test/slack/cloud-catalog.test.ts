import { describe, expect, it } from 'vitest';
import type { KmsKey, Region, Snapshot } from '../../src/cloud/cloud-gateway.ts';
import { type CatalogGateway, createCloudCatalog } from '../../src/slack/cloud-catalog.ts';

function key(keyId: string, overrides: Partial<KmsKey> = {}): KmsKey {
  return {
    keyId,
    arn: `acs:kms:r:1:key/${keyId}`,
    regionId: 'cn-shanghai',
    keyState: 'Enabled',
    keySpec: 'Aliyun_AES_256',
    keyUsage: 'ENCRYPT/DECRYPT',
    aliases: [],
    description: '',
    serviceManaged: false,
    ...overrides,
  };
}

function snapshot(snapshotId: string, regionId: string): Snapshot {
  return {
    snapshotId,
    regionId,
    name: snapshotId,
    description: '',
    status: 'accomplished',
    progress: 100,
    category: 'standard',
    encrypted: false,
    creationTime: '2026-11-01T00:00:00Z',
    tags: [],
  };
}

/** Our own port, answered from memory and counting calls. */
function gatewayWith(calls: string[], options: { failRegions?: number } = {}): CatalogGateway {
  let regionFailures = options.failRegions ?? 0;
  const regions: Region[] = [
    { regionId: 'cn-shanghai', localName: 'Shanghai' },
    { regionId: 'ap-southeast-1', localName: 'Singapore' },
    { regionId: 'cn-hangzhou', localName: 'Hangzhou' },
  ];
  return {
    listRegions: async () => {
      calls.push('listRegions');
      if (regionFailures-- > 0) throw new Error('down');
      return regions;
    },
    describeSnapshots: async (regionId, ids) => {
      calls.push(`describeSnapshots:${regionId}`);
      return regionId === 'ap-southeast-1' && ids.includes('s-sg') ? [snapshot('s-sg', regionId)] : [];
    },
    searchSnapshots: async (regionId) => ({
      snapshots: Array.from({ length: 150 }, (_, i) => snapshot(`s-${i}`, regionId)),
    }),
    listKeys: async (regionId) => {
      calls.push(`listKeys:${regionId}`);
      return [
        key('key-ok', { aliases: ['alias/ok'] }),
        key('key-sm4', { keySpec: 'Aliyun_SM4' }),
        key('key-disabled', { keyState: 'Disabled' }),
        key('key-pending', { keyState: 'PendingDeletion' }),
        key('key-rsa', { keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' }),
        key('key-service', { serviceManaged: true, aliases: ['alias/acs/ecs'] }),
      ];
    },
  };
}

describe('cloud catalog', () => {
  it('offers the allowed regions, sorted, from a cache', async () => {
    const calls: string[] = [];
    const catalog = createCloudCatalog({
      gateway: gatewayWith(calls),
      allowedRegions: ['cn-hangzhou', 'cn-shanghai'],
    });
    expect((await catalog.regions()).map((r) => r.regionId)).toEqual(['cn-hangzhou', 'cn-shanghai']);
    await catalog.regions();
    expect(calls.filter((c) => c === 'listRegions')).toHaveLength(1);
  });

  it('does not keep a failed region list', async () => {
    const calls: string[] = [];
    const catalog = createCloudCatalog({ gateway: gatewayWith(calls, { failRegions: 1 }) });
    await expect(catalog.regions()).rejects.toThrow('down');
    expect(await catalog.regions()).toHaveLength(3);
  });

  it('offers only enabled symmetric customer keys, cached briefly per region', async () => {
    const calls: string[] = [];
    let now = 0;
    const catalog = createCloudCatalog({ gateway: gatewayWith(calls), keysTtlMs: 1000, now: () => now });
    expect((await catalog.usableKeys('cn-shanghai')).map((k) => k.keyId)).toEqual(['key-ok', 'key-sm4']);
    await catalog.usableKeys('cn-shanghai');
    now = 2000;
    await catalog.usableKeys('cn-shanghai');
    expect(calls.filter((c) => c === 'listKeys:cn-shanghai')).toHaveLength(2);
  });

  it('caps a search at the requested number of results', async () => {
    const catalog = createCloudCatalog({ gateway: gatewayWith([]) });
    expect(await catalog.searchSnapshots('cn-hangzhou', '', 100)).toHaveLength(100);
  });

  it('finds which region holds a snapshot ID', async () => {
    const catalog = createCloudCatalog({ gateway: gatewayWith([]) });
    expect((await catalog.locateSnapshot('s-sg'))?.regionId).toBe('ap-southeast-1');
    expect(await catalog.locateSnapshot('s-nowhere')).toBeUndefined();
  });
});
