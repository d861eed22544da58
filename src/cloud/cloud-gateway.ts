/**
 * The one door to Alibaba Cloud. The workflow sees only these plain types; the SDK clients live
 * behind the implementation so the core never imports them.
 */
import type { DiskSelector } from '../domain/copy-batch.ts';
import type { RegionId, Tag } from '../domain/copy-request.ts';

export type SnapshotStatus = 'progressing' | 'accomplished' | 'failed';
export type SnapshotCategory = 'standard' | 'archive' | 'flash';

export interface Region {
  regionId: RegionId;
  localName: string;
}

export interface Snapshot {
  snapshotId: string;
  regionId: RegionId;
  name: string;
  description: string;
  status: SnapshotStatus;
  /** 0..100, parsed from the API's "45%". */
  progress: number;
  /** Seconds, while progressing. */
  remainTime?: number;
  category: SnapshotCategory;
  encrypted: boolean;
  kmsKeyId?: string;
  sourceDiskId?: string;
  /** GiB of the disk the snapshot was taken from. */
  sourceDiskSizeGiB?: number;
  sourceDiskType?: string;
  /** Full logical size of the snapshot in bytes, when the API reports it. */
  fullSizeBytes?: number;
  /** Set on copies: where the copy came from. */
  sourceSnapshotId?: string;
  sourceRegionId?: RegionId;
  creationTime: string;
  retentionDays?: number;
  tags: Tag[];
}

export interface Disk {
  diskId: string;
  regionId: RegionId;
  name: string;
  sizeGiB: number;
  category: string;
  encrypted: boolean;
  kmsKeyId?: string;
  status: string;
  /** The instance the disk is attached to; absent for a detached disk. */
  instanceId?: string;
  type?: 'system' | 'data';
  tags: Tag[];
}

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';

export interface KmsKey {
  keyId: string;
  arn: string;
  regionId: RegionId;
  keyState: KeyState;
  keySpec: string;
  keyUsage: string;
  aliases: string[];
  description: string;
  /** True for keys managed by a cloud service, such as the ECS default service key. */
  serviceManaged: boolean;
}

export type KmsAccountStatus = 'Enabled' | 'NotEnabled' | 'InDebt' | 'Suspended';

export interface SnapshotPage {
  snapshots: Snapshot[];
  nextToken?: string;
}

export interface SnapshotSearch {
  /** Matches a snapshot ID prefix or a substring of the name, case-insensitive. */
  query?: string;
  maxResults?: number;
  nextToken?: string;
}

/** Every parameter of one CopySnapshot call, fixed when the request is created. */
export interface CopySnapshotCall {
  sourceRegionId: RegionId;
  sourceSnapshotId: string;
  destinationRegionId: RegionId;
  name: string;
  description: string;
  retentionDays?: number;
  encrypted: boolean;
  /** Key ID, alias or ARN in the destination region; only with encrypted. */
  kmsKeyId?: string;
  tags: Tag[];
  clientToken: string;
}

export interface CloudCallResult {
  requestId: string;
}

export interface CopyHistoryQuery {
  destinationRegionId: RegionId;
  sourceRegionId: RegionId;
  sourceDiskId: string;
}

export interface CloudGateway {
  listRegions(): Promise<Region[]>;
  /** Any number of IDs; the gateway batches them 100 per call. Unknown IDs are absent. */
  describeSnapshots(regionId: RegionId, snapshotIds: string[]): Promise<Snapshot[]>;
  searchSnapshots(regionId: RegionId, search: SnapshotSearch): Promise<SnapshotPage>;
  describeDisk(regionId: RegionId, diskId: string): Promise<Disk | undefined>;
  /** Every disk of the instance, or every disk carrying all of the tags; throws on an empty tag list. */
  findDisks(regionId: RegionId, selector: DiskSelector): Promise<Disk[]>;
  /** Every snapshot taken of each of the disks, any status, in-region copies of them included. */
  findDiskSnapshots(regionId: RegionId, diskIds: readonly string[]): Promise<Snapshot[]>;
  /** Earlier copies of a disk's snapshots that live in the destination region (source fields and provenance tags). */
  findCopies(query: CopyHistoryQuery): Promise<Snapshot[]>;
  /** Every snapshot in the region that carries snapcopy's request-ID provenance tag, any status. */
  findProvenanceTagged(regionId: RegionId): Promise<Snapshot[]>;
  copySnapshot(call: CopySnapshotCall): Promise<CloudCallResult & { snapshotId: string }>;
  /** A snapshot that is already gone counts as deleted. */
  deleteSnapshot(regionId: RegionId, snapshotId: string): Promise<CloudCallResult & { alreadyGone: boolean }>;
  describeKey(regionId: RegionId, keyIdAliasOrArn: string): Promise<KmsKey | undefined>;
  listKeys(regionId: RegionId): Promise<KmsKey[]>;
  kmsAccountStatus(regionId: RegionId): Promise<KmsAccountStatus>;
}
