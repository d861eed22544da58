/**
 * Changes that reach a replica which does not run the requests: written to one shared inbox
 * record (compare-and-set append, de-duplicated by the command's id) for the leader to apply, and
 * each applied command's answer kept for a while under its id, where the replica that took the
 * call reads it. One record rather than one per request: the leader polls a single key, never a
 * scan of the whole keyspace.
 */
import type { BatchParameters } from '../domain/copy-batch.ts';
import type { CopyParameters, Requester } from '../domain/copy-request.ts';
import type { Store } from '../store/store.ts';
import type {
  BatchCancelResult,
  BatchDecisionResult,
  BatchSubmitResult,
} from './batch/copy-batch-service.ts';
import type { Clock } from './clock.ts';
import type { CancelResult, DecisionResult, SubmitResult } from './copy-request-service.ts';

export type RelayedCommand =
  | {
      kind: 'submit';
      requestId: string;
      parameters: CopyParameters;
      requester: Requester;
      submissionId: string;
    }
  | { kind: 'approve'; requestId: string; userId: string }
  | { kind: 'reject'; requestId: string; userId: string; reason: string }
  | { kind: 'cancel'; requestId: string; userId: string }
  | {
      kind: 'submitBatch';
      batchId: string;
      parameters: BatchParameters;
      requester: Requester;
      submissionId: string;
    }
  | { kind: 'approveBatch'; batchId: string; userId: string; digest: string }
  | { kind: 'rejectBatch'; batchId: string; userId: string; reason: string }
  | { kind: 'cancelBatch'; batchId: string; userId: string };

interface RelayedResults {
  submit: SubmitResult;
  approve: DecisionResult;
  reject: DecisionResult;
  cancel: CancelResult;
  submitBatch: BatchSubmitResult;
  approveBatch: BatchDecisionResult;
  rejectBatch: BatchDecisionResult;
  cancelBatch: BatchCancelResult;
}

export type RelayedResult<C extends RelayedCommand> = RelayedResults[C['kind']];
export type AnyRelayedResult = RelayedResults[RelayedCommand['kind']];

export interface InboxEntry {
  id: string;
  command: RelayedCommand;
  postedAt: number;
  postedBy: string;
}

interface PendingCommands {
  entries: InboxEntry[];
}

export interface RequestInbox {
  /** Records the command for the leader under `id`; posting the same id again changes nothing. */
  post(id: string, command: RelayedCommand): Promise<void>;
  /** The leader's answer, once it applied the command. */
  result<C extends RelayedCommand>(id: string): Promise<RelayedResult<C> | undefined>;
  /** Polls for the answer until `waitMs` passed; undefined when the leader has not applied it yet. */
  awaitResult<C extends RelayedCommand>(id: string, waitMs: number): Promise<RelayedResult<C> | undefined>;
  /** Commands not applied yet, oldest first. */
  pending(): Promise<InboxEntry[]>;
  /** Keeps the answer (the first one wins) and takes the command off the pending list. */
  complete(entry: InboxEntry, result: AnyRelayedResult): Promise<void>;
}

const INBOX_COLLECTION = 'copy-request-inbox';
const INBOX_RESULTS_ARCHIVE = 'copy-request-inbox-results';
const PENDING_KEY = 'pending';
/** Long enough for any caller still waiting; answers are only read by the call that posted. */
const RESULT_RETENTION_MS = 3600_000;
/** How often a waiting caller looks for the answer. */
const RESULT_POLL_MS = 100;
/** Rivals append at human speed; a conflict is always settled within a few re-reads. */
const CAS_ATTEMPTS = 20;

export function createRequestInbox(store: Store, clock: Clock, replicaId: string): RequestInbox {
  const pendingCommands = store.collection<PendingCommands>(INBOX_COLLECTION);
  const results = store.archive<{ result: AnyRelayedResult }>(INBOX_RESULTS_ARCHIVE, RESULT_RETENTION_MS);

  /** Compare-and-set loop on the one pending record. */
  async function change(edit: (entries: InboxEntry[]) => InboxEntry[] | undefined): Promise<void> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await pendingCommands.get(PENDING_KEY);
      const next = edit(current?.value.entries ?? []);
      if (!next) return;
      const written = current
        ? await pendingCommands.update(PENDING_KEY, current.version, { entries: next })
        : await pendingCommands.create(PENDING_KEY, { entries: next });
      if (written) return;
    }
    throw new Error('the request inbox kept changing; try again');
  }

  const inbox: RequestInbox = {
    async post(id, command) {
      const entry: InboxEntry = { id, command, postedAt: clock.now(), postedBy: replicaId };
      // A retried append whose first attempt landed must not add the command twice.
      await change((entries) => (entries.some((e) => e.id === id) ? undefined : [...entries, entry]));
    },
    async result<C extends RelayedCommand>(id: string) {
      // Written by the leader for the very command posted under this ID, so it answers that kind.
      return (await results.get(id))?.value.result as RelayedResult<C> | undefined;
    },
    async awaitResult<C extends RelayedCommand>(id: string, waitMs: number) {
      const deadline = clock.now() + waitMs;
      for (;;) {
        const found = await inbox.result<C>(id);
        if (found || clock.now() >= deadline) return found;
        const delayMs = Math.min(RESULT_POLL_MS, deadline - clock.now());
        await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
      }
    },
    async pending() {
      return (await pendingCommands.get(PENDING_KEY))?.value.entries ?? [];
    },
    async complete(entry, result) {
      await results.create(entry.id, { result });
      await change((entries) =>
        entries.some((e) => e.id === entry.id) ? entries.filter((e) => e.id !== entry.id) : undefined,
      );
    },
  };
  return inbox;
}
