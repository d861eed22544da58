/**
 * The worlds a crash run starts from: a cloud with one disk and one snapshot per request, and one
 * instance per batch with its disks and their snapshots (written as a world file for the Alibaba
 * stand-in), and a Slack workspace with one requester per request and per batch.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_IDS, defaultSlackWorld, type SlackWorld } from '../../src/local/slack/index.ts';
import { type BatchScript, copyableDisks } from './batch-scripts.ts';
import { CRASH_CMK, OTHER_REGION, type RequestScript, SOURCE_REGION } from './request-scripts.ts';

/** Writes the cloud's world file and returns its path. */
export function writeCloudWorld(
  path: string,
  scripts: readonly RequestScript[],
  copyGiBPerMinute: number,
  batches: readonly BatchScript[] = [],
) {
  const world = {
    accountId: '5123456789012345',
    copyGiBPerMinute,
    regions: [
      { regionId: SOURCE_REGION, localName: 'China (Hangzhou)' },
      { regionId: OTHER_REGION, localName: 'China (Shanghai)' },
    ],
    disks: [
      ...scripts.map((script) => ({
        diskId: script.sourceDiskId,
        regionId: SOURCE_REGION,
        zoneId: `${SOURCE_REGION}-h`,
        name: `crash-disk-${script.index}`,
        sizeGiB: script.sizeGiB,
        type: 'data',
      })),
      ...batches.flatMap((batch) =>
        batch.disks.map((disk, i) => ({
          diskId: disk.diskId,
          regionId: SOURCE_REGION,
          zoneId: `${SOURCE_REGION}-h`,
          instanceId: batch.instanceId,
          name: `crash-batch-${batch.index}-disk-${i + 1}`,
          sizeGiB: disk.sizeGiB,
          type: i === 0 ? 'system' : 'data',
        })),
      ),
    ],
    keys: [
      {
        keyId: CRASH_CMK.keyId,
        regionId: OTHER_REGION,
        aliases: [CRASH_CMK.alias],
        description: 'Crash-harness disaster-recovery copies',
      },
    ],
    snapshots: [
      ...scripts.map((script) => ({
        snapshotId: script.sourceSnapshotId,
        regionId: SOURCE_REGION,
        diskId: script.sourceDiskId,
        name: `crash-snapshot-${script.index}`,
        description: `Source of crash request ${script.index}`,
        fullSizeGiB: script.sizeGiB,
        createdHoursAgo: 2,
      })),
      ...batches.flatMap((batch) =>
        copyableDisks(batch).map((disk) => ({
          snapshotId: disk.snapshotId,
          regionId: SOURCE_REGION,
          diskId: disk.diskId,
          name: `${disk.diskId}-nightly`,
          fullSizeGiB: disk.sizeGiB,
          createdHoursAgo: 2,
        })),
      ),
    ],
  };
  writeFileSync(path, JSON.stringify(world, null, 2));
  return path;
}

/** The default workspace plus one requester per request and per batch, all in #ops with the bot. */
export function crashSlackWorld(
  scripts: readonly RequestScript[],
  batches: readonly BatchScript[] = [],
): Partial<SlackWorld> {
  const base = defaultSlackWorld();
  const requesters = [
    ...scripts.map((script) => ({
      id: script.requesterId,
      name: `requester${script.index}`,
      realName: `Crash Requester ${script.index}`,
    })),
    ...batches.map((batch) => ({
      id: batch.requesterId,
      name: `batchrequester${batch.index}`,
      realName: `Crash Batch Requester ${batch.index}`,
    })),
  ];
  return {
    users: [...base.users, ...requesters],
    channels: base.channels.map((channel) =>
      channel.id === DEFAULT_IDS.opsChannel
        ? { ...channel, members: [...channel.members, ...requesters.map((r) => r.id)] }
        : channel,
    ),
  };
}
