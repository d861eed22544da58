import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudGateway } from '../../../src/cloud/cloud-gateway.ts';
import { SOURCE_DISK_ID_TAG_KEY } from '../../../src/domain/provenance.ts';
import type { AlibabaStandIn } from '../../../src/local/alibaba/index.ts';
import { startStandInGateway } from './stand-in-gateway.ts';

const WEB_DISK = 'd-bp1web01system00001';
const DEFAULT_WORLD = new URL('../../../src/local/alibaba/default-world.json', import.meta.url);

/**
 * The default world plus two snapshots in Shanghai that only one of the two lookups can find or
 * must reject: a copy known only by its provenance tag, and a copy of the same disk that came from
 * another region.
 */
function worldWithEdgeCases(): Record<string, unknown> {
  const world = JSON.parse(readFileSync(DEFAULT_WORLD, 'utf8')) as { snapshots: object[] };
  world.snapshots.push(
    {
      snapshotId: 's-uf6tagonly000000001',
      regionId: 'cn-shanghai',
      diskId: 'd-uf6analytics0data01',
      name: 'restored-and-recopied',
      description: 'Known only by its provenance tag',
      fullSizeGiB: 17,
      createdHoursAgo: 300,
      tags: { [SOURCE_DISK_ID_TAG_KEY]: WEB_DISK },
    },
    {
      snapshotId: 's-uf6fromsingapore001',
      regionId: 'cn-shanghai',
      diskId: WEB_DISK,
      name: 'copy-from-singapore',
      description: 'Same disk ID, but copied from another region',
      fullSizeGiB: 17,
      createdHoursAgo: 100,
      sourceSnapshotId: 's-t4nsomething0000001',
      sourceRegionId: 'ap-southeast-1',
    },
  );
  return world;
}

let directory: string;
let standIn: AlibabaStandIn;
let gateway: CloudGateway;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'snapcopy-copy-history-'));
  const worldFile = join(directory, 'world.json');
  writeFileSync(worldFile, JSON.stringify(worldWithEdgeCases()));
  ({ standIn, gateway } = await startStandInGateway({}, { worldFile }));
});

afterAll(async () => {
  await standIn.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('findCopies', () => {
  it('finds copies by their source fields and by provenance tag, each once, oldest first', async () => {
    const copies = await gateway.findCopies({
      destinationRegionId: 'cn-shanghai',
      sourceRegionId: 'cn-hangzhou',
      sourceDiskId: WEB_DISK,
    });
    expect(copies.map((copy) => copy.snapshotId)).toEqual([
      's-uf6tagonly000000001',
      's-uf6webcopy000000001',
      's-uf6webcopy000000002',
      's-uf6webcopy000000003',
    ]);
    const [byDisk, byTag] = [
      standIn.calls.callsTo('DescribeSnapshots').filter((call) => call.params['DiskId'] === WEB_DISK),
      standIn.calls
        .callsTo('DescribeSnapshots')
        .filter((call) => call.params['Tag.1.Key'] === SOURCE_DISK_ID_TAG_KEY),
    ];
    expect(byDisk[0]?.params).toMatchObject({ RegionId: 'cn-shanghai', MaxResults: '100' });
    expect(byTag[0]?.params).toMatchObject({ RegionId: 'cn-shanghai', 'Tag.1.Value': WEB_DISK });
  });

  it("does not count the disk's own snapshots in its region as copies", async () => {
    const copies = await gateway.findCopies({
      destinationRegionId: 'cn-hangzhou',
      sourceRegionId: 'cn-hangzhou',
      sourceDiskId: WEB_DISK,
    });
    expect(copies).toEqual([]);
  });

  it('follows NextToken until the last page', async () => {
    const sources = standIn.world.snapshotsIn('cn-hangzhou').filter((s) => s.sourceDiskId === WEB_DISK);
    expect(sources.length).toBeGreaterThan(0);
    // More copies than one page holds: 120 encrypted same-region copies, each made and finished.
    for (let i = 0; i < 120; i++) {
      const { snapshotId } = await gateway.copySnapshot({
        sourceRegionId: 'cn-hangzhou',
        sourceSnapshotId: sources[0]!.snapshotId,
        destinationRegionId: 'cn-hangzhou',
        name: `bulk-copy-${i}`,
        description: 'Bulk copy for paging',
        encrypted: true,
        tags: [],
        clientToken: `bulk-${i}`,
      });
      standIn.clock.advance(24 * 3_600_000);
      expect(standIn.world.snapshot(snapshotId)?.status).toBe('accomplished');
    }
    const before = standIn.calls.count('DescribeSnapshots');
    const copies = await gateway.findCopies({
      destinationRegionId: 'cn-hangzhou',
      sourceRegionId: 'cn-hangzhou',
      sourceDiskId: WEB_DISK,
    });
    expect(copies).toHaveLength(120);
    expect(standIn.calls.count('DescribeSnapshots') - before).toBeGreaterThanOrEqual(3);
  });
});
