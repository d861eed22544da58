/**
 * What the store keeps per request: the actor's persisted snapshot with the machine ID and version
 * it belongs to (XState 5 stores neither and restores into any machine without complaint), the
 * outbox, and the few fields the service looks requests up by.
 */
import type { StateValue } from 'xstate';
import type { VersionedCollection } from '../store/store.ts';
import type { CopyRequestContext, CopyRequestInput } from './copy-request-context.ts';
import { COPY_REQUEST_MACHINE_ID, COPY_REQUEST_MACHINE_VERSION } from './copy-request-machine.ts';
import type { Outbox } from './notification-outbox.ts';
import type { RequestView } from './request-view.ts';
import { toRequestView } from './to-request-view.ts';

export const REQUEST_RECORD_SCHEMA = 1;

/** `actor.getPersistedSnapshot()` as JSON; only the parts read outside XState are typed. */
export interface PersistedCopyRequest {
  status: string;
  value: StateValue;
  context: CopyRequestContext;
  [other: string]: unknown;
}

export interface CopyRequestRecord {
  schema: number;
  machineId: string;
  machineVersion: number;
  requestId: string;
  submissionId: string;
  requesterUserId: string;
  /** The actor's input; a record without a snapshot yet starts from it. */
  input: CopyRequestInput;
  snapshot?: PersistedCopyRequest;
  outbox: Outbox;
  updatedAt: number;
  /**
   * The leader-lease epoch of the replica hosting the request (absent for a sole replica). A new
   * leader writes its epoch into every record it takes over before running it, so the previous
   * leader's next compare-and-set on that record fails.
   */
  leaderEpoch?: number;
}

export function newRequestRecord(input: CopyRequestInput, submissionId: string): CopyRequestRecord {
  return {
    schema: REQUEST_RECORD_SCHEMA,
    machineId: COPY_REQUEST_MACHINE_ID,
    machineVersion: COPY_REQUEST_MACHINE_VERSION,
    requestId: input.requestId,
    submissionId,
    requesterUserId: input.requester.userId,
    input,
    outbox: {},
    updatedAt: input.createdAt,
  };
}

/** Why this process must not restore the record, or undefined when it can. */
export function restoreProblem(record: CopyRequestRecord): string | undefined {
  if (record.schema !== REQUEST_RECORD_SCHEMA)
    return `record schema ${record.schema} is not ${REQUEST_RECORD_SCHEMA}`;
  if (
    record.machineId !== COPY_REQUEST_MACHINE_ID ||
    record.machineVersion !== COPY_REQUEST_MACHINE_VERSION
  ) {
    return `snapshot of machine ${record.machineId} v${record.machineVersion}, this process runs ${COPY_REQUEST_MACHINE_ID} v${COPY_REQUEST_MACHINE_VERSION}`;
  }
  return undefined;
}

export function recordView(record: CopyRequestRecord): RequestView {
  if (record.snapshot) return toRequestView(record.snapshot);
  const { input } = record;
  return {
    requestId: input.requestId,
    status: 'validating',
    parameters: input.parameters,
    requester: input.requester,
    ...(input.batch ? { batch: { batchId: input.batch.batchId, index: input.batch.index } } : {}),
    createdAt: input.createdAt,
    updatedAt: record.updatedAt,
    approval: { required: false, reasons: [] },
  };
}

/**
 * Every record a collection holds now, a request's or a batch's (ids first: acting during a SQL
 * scan skips entries).
 */
export async function readRecords<T>(collection: VersionedCollection<T>): Promise<T[]> {
  const records: T[] = [];
  for (const id of await collection.ids()) {
    const stored = await collection.get(id);
    if (stored) records.push(stored.value);
  }
  return records;
}
