/**
 * What the people of a crash run do with each request, and how each request must end. Every
 * request has its own requester, disk and snapshot, so two requests never share a modal, a user's
 * view stack or the cloud's one-unfinished-copy-per-disk rule.
 */
import type { RequestStatus } from '../../src/workflow/request-view.ts';
import type { SeededRandom } from './seeded-random.ts';

export type ScriptKind = 'approve' | 'automatic' | 'reject' | 'expire' | 'cancelCopy' | 'cancelAwaiting';

export const SCRIPT_KINDS: readonly ScriptKind[] = [
  'approve',
  'automatic',
  'reject',
  'expire',
  'cancelCopy',
  'cancelAwaiting',
];

export const SOURCE_REGION = 'cn-hangzhou';
export const OTHER_REGION = 'cn-shanghai';
/** A customer master key in the other region, for approved Copy and Encrypt requests. */
export const CRASH_CMK = { keyId: 'key-uf6crashdr0000001', alias: 'alias/crash-dr' } as const;

export interface ExpectedEnd {
  status: RequestStatus;
  /** CopySnapshot was called (with one ClientToken, however often). */
  copyStarted: boolean;
  /** The copy is still in the destination region at the end. */
  copyKept: boolean;
  /** The request waited for a decision, so an approval message exists. */
  approvalMessage: boolean;
}

export interface RequestScript {
  /** 1-based; names the requester, the disk, the snapshot and the copy. */
  index: number;
  kind: ScriptKind;
  requesterId: string;
  sourceDiskId: string;
  sourceSnapshotId: string;
  sizeGiB: number;
  destinationRegionId: string;
  copyType: 'copy' | 'copyAndEncrypt';
  /** The key picker's value: `default` or `cmk:<keyId>`. */
  key?: string;
  /** The copy's name; also how the harness finds the request's card. */
  name: string;
  /** When the requester types /snapcopy, in ms after the run starts. */
  startAfterMs: number;
  /** How long a person looks before clicking. */
  thinkMs: number;
  expected: ExpectedEnd;
}

const EXPECTED: Record<ScriptKind, ExpectedEnd> = {
  approve: { status: 'done', copyStarted: true, copyKept: true, approvalMessage: true },
  automatic: { status: 'done', copyStarted: true, copyKept: true, approvalMessage: false },
  reject: { status: 'rejected', copyStarted: false, copyKept: false, approvalMessage: true },
  expire: { status: 'expired', copyStarted: false, copyKept: false, approvalMessage: true },
  cancelCopy: { status: 'cancelled', copyStarted: true, copyKept: false, approvalMessage: false },
  cancelAwaiting: { status: 'cancelled', copyStarted: false, copyKept: false, approvalMessage: true },
};

/** Big enough that a cancelled copy is still running however long the bot stays down. */
const CANCELLED_COPY_GIB = 30_000;

export interface RequestPlanOptions {
  count: number;
  /** The kinds, in order; default: every kind once when there is room, then random ones, shuffled. */
  kinds?: readonly ScriptKind[];
  /** Requesters start within this many ms of the run's start. */
  spreadMs: number;
  /** Sizes of copies that run to the end; their duration follows the cloud's copy speed. */
  copyGiB: { min: number; max: number };
}

export function planRequests(random: SeededRandom, options: RequestPlanOptions): RequestScript[] {
  const kinds = options.kinds ?? randomKinds(random, options.count);
  return kinds.map((kind, i) => scriptFor(random, kind, i + 1, options));
}

function randomKinds(random: SeededRandom, count: number): ScriptKind[] {
  const kinds: ScriptKind[] = [];
  for (let i = 0; i < count; i++) {
    kinds.push(i < SCRIPT_KINDS.length ? SCRIPT_KINDS[i]! : random.pick(SCRIPT_KINDS));
  }
  return random.shuffle(kinds);
}

function scriptFor(
  random: SeededRandom,
  kind: ScriptKind,
  index: number,
  options: RequestPlanOptions,
): RequestScript {
  const id = String(index).padStart(4, '0');
  // Automatic approval is only for same-region copies under the default key; everything else crosses.
  const sameRegion = kind === 'automatic' || kind === 'cancelCopy';
  const underCmk = !sameRegion && random.chance(0.4);
  const copyType = sameRegion || underCmk ? 'copyAndEncrypt' : 'copy';
  const script: RequestScript = {
    index,
    kind,
    requesterId: `U0CRASHR${id}`,
    sourceDiskId: `d-crash${id}disk00001`,
    sourceSnapshotId: `s-crash${id}snap00001`,
    sizeGiB:
      kind === 'cancelCopy' ? CANCELLED_COPY_GIB : random.int(options.copyGiB.min, options.copyGiB.max),
    destinationRegionId: sameRegion ? SOURCE_REGION : OTHER_REGION,
    copyType,
    name: `crash-copy-${id}`,
    startAfterMs: random.int(0, options.spreadMs),
    thinkMs: random.int(0, 1200),
    expected: EXPECTED[kind],
  };
  if (sameRegion) script.key = 'default';
  if (underCmk) script.key = `cmk:${CRASH_CMK.keyId}`;
  return script;
}
