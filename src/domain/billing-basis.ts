/**
 * Which size a copy is billed on (SPEC §4, from the source page's billing rules): full snapshot
 * size, full source disk size, or incremental to an earlier copy of the same disk in the
 * destination region, where a change of key starts a full copy again.
 */
import type { Disk, Snapshot } from '../cloud/cloud-gateway.ts';
import { finishedCopies, newestFirst } from './copy-history.ts';
import type { CopyParameters } from './copy-request.ts';
import type { SizeBasis } from './cost-estimate.ts';
import { keyReference } from './key-choice.ts';
import { keyLabel } from './key-label.ts';
import type { RequestFacts } from './request-facts.ts';

export interface BillingBasis {
  basis: SizeBasis;
  /** For an incremental copy, the full size: an upper bound. */
  billedSizeGiB: number;
  isUpperBound: boolean;
  explanation: string;
}

type FullSizeBasis = Exclude<SizeBasis, 'incremental'>;

interface FullSize {
  basis: FullSizeBasis;
  gib: number;
  /** Why the size is not the obvious one, when it is not. */
  caveat?: string;
}

const BYTES_PER_GIB = 1024 ** 3;
const FULL_SIZE_WORDS: Record<FullSizeBasis, string> = {
  fullSnapshotSize: 'full snapshot size',
  fullDiskSize: 'full disk size',
};

function roundGiB(gib: number): number {
  return Math.round(gib * 100) / 100;
}

function fullSnapshotSize(snapshot: Snapshot, disk: Disk | undefined): FullSize {
  if (snapshot.fullSizeBytes !== undefined) {
    return { basis: 'fullSnapshotSize', gib: roundGiB(snapshot.fullSizeBytes / BYTES_PER_GIB) };
  }
  // The disk's size when the snapshot was taken bounds the snapshot; today's disk may have grown.
  const diskGiB = snapshot.sourceDiskSizeGiB ?? disk?.sizeGiB;
  return diskGiB === undefined
    ? {
        basis: 'fullSnapshotSize',
        gib: 0,
        caveat: 'neither the snapshot size nor the source disk size is known',
      }
    : {
        basis: 'fullSnapshotSize',
        gib: diskGiB,
        caveat: 'the snapshot size was not reported, so the source disk size is used',
      };
}

function fullDiskSize(snapshot: Snapshot, disk: Disk | undefined): FullSize {
  if (disk) return { basis: 'fullDiskSize', gib: disk.sizeGiB };
  return snapshot.sourceDiskSizeGiB === undefined
    ? { basis: 'fullDiskSize', gib: 0, caveat: 'the source disk size is not known' }
    : {
        basis: 'fullDiskSize',
        gib: snapshot.sourceDiskSizeGiB,
        caveat: 'the source disk no longer exists, so its size when the snapshot was taken is used',
      };
}

function withCaveat(text: string, size: FullSize): string {
  return size.caveat ? `${text} (${size.caveat})` : text;
}

function fullCopy(size: FullSize, lead: string): BillingBasis {
  return {
    basis: size.basis,
    billedSizeGiB: size.gib,
    isUpperBound: false,
    explanation: withCaveat(`${lead}: ${FULL_SIZE_WORDS[size.basis]} ${size.gib} GiB`, size),
  };
}

function incrementalCopy(size: FullSize, lead: string): BillingBasis {
  return {
    basis: 'incremental',
    billedSizeGiB: size.gib,
    isUpperBound: true,
    explanation: withCaveat(
      `${lead}: incremental, only the changes since then are billed, at most the ${FULL_SIZE_WORDS[size.basis]} of ${size.gib} GiB`,
      size,
    ),
  };
}

function standardCopyBasis(
  parameters: CopyParameters,
  facts: RequestFacts,
  snapshot: Snapshot,
): BillingBasis {
  const destination = parameters.destinationRegionId;
  const size = fullSnapshotSize(snapshot, facts.sourceDisk);
  const [base] = newestFirst(finishedCopies(facts.copyHistory).filter((copy) => !copy.encrypted));
  return base
    ? incrementalCopy(size, `${destination} already holds copy ${base.snapshotId} of this disk`)
    : fullCopy(size, `first copy to ${destination}`);
}

function encryptedCopyBasis(
  parameters: CopyParameters,
  facts: RequestFacts,
  snapshot: Snapshot,
): BillingBasis {
  const destination = parameters.destinationRegionId;
  const lookup = facts.destinationKey;
  const keyId = lookup?.key?.keyId ?? lookup?.reference ?? keyReference(parameters);
  const label = lookup?.key ? keyLabel(lookup.key) : keyId;
  // The source page bills the first encrypted copy of plain data by its disk, not by its snapshot.
  const size = snapshot.encrypted
    ? fullSnapshotSize(snapshot, facts.sourceDisk)
    : fullDiskSize(snapshot, facts.sourceDisk);
  const encryptedCopies = newestFirst(finishedCopies(facts.copyHistory).filter((copy) => copy.encrypted));
  const sameKey = encryptedCopies.find((copy) => copy.kmsKeyId === keyId);
  if (sameKey) {
    return incrementalCopy(
      size,
      `${destination} already holds copy ${sameKey.snapshotId} of this disk under ${label}`,
    );
  }
  const otherKeys = [...new Set(encryptedCopies.map((copy) => copy.kmsKeyId ?? 'an unknown key'))];
  if (otherKeys.length > 0) {
    return fullCopy(
      size,
      `earlier copies in ${destination} use another key (${otherKeys.join(', ')}), so a copy under ${label} starts over`,
    );
  }
  return fullCopy(size, `first copy to ${destination} under ${label}`);
}

export function billingBasis(
  parameters: CopyParameters,
  facts: RequestFacts,
  snapshot: Snapshot,
): BillingBasis {
  return parameters.copyType === 'copy'
    ? standardCopyBasis(parameters, facts, snapshot)
    : encryptedCopyBasis(parameters, facts, snapshot);
}
