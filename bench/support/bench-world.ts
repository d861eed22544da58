/**
 * The worlds the benchmarks run in: an Alibaba world file with as many source disks (each with one
 * finished snapshot) as a benchmark needs in flight at once, since the cloud allows one unfinished
 * copy per disk and destination region; and a Slack workspace with enough people to type
 * `/snapcopy` at the same moment.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IDS, defaultSlackWorld, type SlackWorld } from '../../src/local/slack/index.ts';

export const SOURCE_REGION = 'cn-hangzhou';
/** Same-region copies (approved automatically) and two cross-region destinations (approved by a person). */
export const DESTINATION_REGIONS = ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'] as const;

export interface BenchCloudOptions {
  disks: number;
  /** Size of each disk and its snapshot; with `copyGiBPerMinute` it sets how long a copy runs. */
  sizeGiB: number;
  copyGiBPerMinute?: number;
  /** Every disk is attached to this instance, so one batch (`/snapcopy instance …`) selects them all. */
  instanceId?: string;
}

const pad = (index: number) => String(index).padStart(6, '0');

export const benchSnapshotId = (index: number) => `s-bp1bench${pad(index)}`;
const benchDiskId = (index: number) => `d-bp1bench${pad(index)}`;

/** Writes the world file into `dir` and returns its path. */
export function writeBenchCloudWorld(dir: string, options: BenchCloudOptions): string {
  const indexes = Array.from({ length: options.disks }, (_, index) => index);
  const world = {
    accountId: '5123456789012345',
    kmsStatus: 'Enabled',
    copyGiBPerMinute: options.copyGiBPerMinute ?? 60,
    regions: [
      { regionId: 'cn-hangzhou', localName: 'China (Hangzhou)' },
      { regionId: 'cn-shanghai', localName: 'China (Shanghai)' },
      { regionId: 'ap-southeast-1', localName: 'Singapore' },
    ],
    disks: indexes.map((index) => ({
      diskId: benchDiskId(index),
      regionId: SOURCE_REGION,
      name: `bench-${pad(index)}`,
      sizeGiB: options.sizeGiB,
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    })),
    keys: [],
    snapshots: indexes.map((index) => ({
      snapshotId: benchSnapshotId(index),
      regionId: SOURCE_REGION,
      diskId: benchDiskId(index),
      name: `bench-${pad(index)}-nightly`,
      fullSizeGiB: options.sizeGiB,
    })),
  };
  const path = join(dir, 'bench-world.json');
  writeFileSync(path, JSON.stringify(world));
  return path;
}

export const benchUserId = (index: number) => `U0BENCH${pad(index)}`;

/**
 * Channels the requester asks from, in turn. The bot looks through a channel's recent history
 * before each first post, and the stand-in copies the whole channel to answer, so one channel
 * holding every card would make seeding slower with each request.
 */
export const REQUEST_CHANNELS = 20;
export const benchChannelId = (index: number) => `C0BENCH${pad(index % REQUEST_CHANNELS)}`;

/** The default workspace plus `people` users who are members of #ops, and the request channels. */
export function benchSlackWorld(people: number): Partial<SlackWorld> {
  const world = defaultSlackWorld();
  const users = Array.from({ length: people }, (_, index) => ({
    id: benchUserId(index),
    name: `bench${pad(index)}`,
    realName: `Bench User ${index}`,
  }));
  const requestChannels = Array.from({ length: REQUEST_CHANNELS }, (_, index) => ({
    id: benchChannelId(index),
    name: `bench-${pad(index)}`,
    members: [DEFAULT_IDS.requester, DEFAULT_IDS.approver, DEFAULT_IDS.secondApprover, DEFAULT_IDS.botUser],
  }));
  return {
    users: [...world.users, ...users],
    channels: [
      ...world.channels.map((channel) =>
        channel.id === DEFAULT_IDS.opsChannel
          ? { ...channel, members: [...channel.members, ...users.map((user) => user.id)] }
          : channel,
      ),
      ...requestChannels,
    ],
  };
}
