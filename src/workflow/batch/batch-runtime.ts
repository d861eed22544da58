/**
 * Runs the batches on the leader: each batch's machine advances by pure `transition()` and every
 * next snapshot is written with compare-and-set before anything follows from it. What follows a
 * write is decided by the state written, so a restart does the same again and nothing twice:
 * selecting runs the (read-only) selection; awaiting approval arms the deadline; running creates
 * the items' copy requests under IDs fixed by their place (creating one again finds it);
 * cancelling forwards the cancel to every item not yet ended. Items report back through
 * `itemChanged`, which refreshes the batch's view of them (at once when one ends, otherwise at
 * most once per `itemRefreshMs`), and a batch that ended and told its story moves to the archive.
 */
import { initialTransition, transition } from 'xstate';
import type { CloudGateway } from '../../cloud/cloud-gateway.ts';
import { type BatchParameters, batchDigest, itemParameters } from '../../domain/copy-batch.ts';
import type { Requester } from '../../domain/copy-request.ts';
import type { PriceTable } from '../../domain/price-table.ts';
import type { Logger } from '../../observability/logger.ts';
import type { AuditEntry, AuditLog, Store, Versioned } from '../../store/store.ts';
import { BOT_ACTOR } from '../audit-trail.ts';
import { backoffDelayMs, backoffPause } from '../backoff.ts';
import { atTime, type Clock } from '../clock.ts';
import type { BatchMembership } from '../copy-request-context.ts';
import type { Leadership } from '../leadership.ts';
import type { NotificationDispatcher, OutboxSource } from '../notification-dispatcher.ts';
import { isDrained, markDelivered, markPostAttempt, type Outbox } from '../notification-outbox.ts';
import type { RequestLocks } from '../request-locks.ts';
import { readRecords } from '../request-record.ts';
import type { RequestView } from '../request-view.ts';
import { stepFailureFrom } from '../step-failure.ts';
import type { StoreRetry } from '../store-retry.ts';
import type { SubmissionClaim } from '../submission-claims.ts';
import { statePath } from '../to-request-view.ts';
import { itemRequestId, newBatchId } from './batch-id.ts';
import {
  batchRecordView,
  batchRestoreProblem,
  type CopyBatchRecord,
  isFinalBatchStatus,
  newBatchRecord,
  type PersistedCopyBatch,
  planBatchOutbox,
} from './batch-record.ts';
import { type BatchSelection, selectBatch } from './batch-selection.ts';
import type { CopyBatchEvent, FixedSelection, ItemState } from './copy-batch-context.ts';
import { copyBatchMachine } from './copy-batch-machine.ts';
import type { BatchStatus, BatchView } from './copy-batch-view.ts';
import { PENDING_ITEM, toBatchView } from './to-batch-view.ts';

/** How the batch reaches its items: the copy-request runtime, which alone writes requests. */
export interface BatchItemPort {
  /** Creates the item's copy request, or finds the one created before, and starts it. */
  open(requestId: string, item: ItemRequest, submissionId: string): Promise<void>;
  /** The item's request as known now (live, stored or archived); undefined when never created. */
  view(requestId: string): Promise<RequestView | undefined>;
  /**
   * Sends a cancel to each of these requests that still runs, all before any of them moves on: a
   * copy slot freed by the first must not start a copy for another that is being cancelled.
   */
  cancel(requestIds: string[], by: string): Promise<void>;
}

export interface ItemRequest {
  parameters: ReturnType<typeof itemParameters>;
  requester: Requester;
  batch: BatchMembership;
}

export interface BatchRuntimeDeps {
  store: Store;
  /** Waits for people before each call (the selection is background work). */
  gateway: CloudGateway;
  prices: PriceTable;
  clock: Clock;
  logger: Logger;
  approvalTtlMs: number;
  archiveRetentionMs: number;
  itemRefreshMs: number;
  /** Shared with the requests' submissions (submission-claims.ts). */
  claim: SubmissionClaim;
  dispatcher: NotificationDispatcher;
  retrying: StoreRetry;
  withLock: RequestLocks;
  leadership: Pick<Leadership, 'epoch' | 'holds'>;
  /** True while this process runs the batches (the leader, once it restored them). */
  isLeading(): boolean;
  items: BatchItemPort;
  stopping: AbortSignal;
}

export interface BatchRuntime {
  /** The batch ID this submission stands for: claimed now, or the one claimed by an earlier try. */
  claimSubmission(submissionId: string): Promise<string>;
  /** Stores the new batch (or finds it) and starts its selection; on the leader only. */
  open(
    batchId: string,
    parameters: BatchParameters,
    requester: Requester,
    submissionId: string,
  ): Promise<BatchView>;
  /** What a batch looks like before anything happened to it (a submission the leader has yet to apply). */
  unstarted(batchId: string, parameters: BatchParameters, requester: Requester): BatchView;
  /** Applies the event to a batch this process runs; the view after it, once durable. */
  send(batchId: string, event: CopyBatchEvent): Promise<BatchView | undefined>;
  /** The batch, when this process runs it. */
  live(batchId: string): BatchView | undefined;
  find(batchId: string): Promise<BatchView | undefined>;
  openViews(): Promise<BatchView[]>;
  archivedViews(): Promise<BatchView[]>;
  itemChanged(item: RequestView): void;
  /** Elected: runs every stored batch (after the items' requests were restored). */
  lead(): Promise<void>;
  /** Deposed or stopping: forgets every batch without another write. */
  leave(): void;
  /** The outboxes of the batches this process runs, for metrics. */
  outboxes(): Outbox<BatchStatus>[];
}

export const BATCHES_COLLECTION = 'copy-batches';
export const BATCH_ARCHIVE_COLLECTION = 'copy-batches-archive';
/** A selection failing on a retryable cloud error is tried again this often before the batch fails. */
const SELECTION_ATTEMPTS = 6;
const SELECTION_RETRY = { baseMs: 5_000, maxMs: 60_000 };
/** After creating, cancelling or reading the items failed (the store, most likely). */
const ITEMS_RETRY_MS = 5_000;

interface HostedBatch {
  batchId: string;
  stored: Versioned<CopyBatchRecord>;
  /** Delivery marks included, possibly not yet written. */
  outbox: Outbox<BatchStatus>;
  closed: boolean;
  selecting: boolean;
  cancelDeadline?: () => void;
  refreshWake?: () => void;
  retryWake?: () => void;
  refreshQueued: boolean;
}

const sameItems = (a: readonly ItemState[], b: readonly ItemState[]) =>
  JSON.stringify(a) === JSON.stringify(b);

export function createBatchRuntime(deps: BatchRuntimeDeps): BatchRuntime {
  const { store, clock, logger, retrying, withLock, leadership, dispatcher } = deps;
  const batches = store.collection<CopyBatchRecord>(BATCHES_COLLECTION);
  const archive = store.archive<CopyBatchRecord>(BATCH_ARCHIVE_COLLECTION, deps.archiveRetentionMs);
  const audit: AuditLog = store.audit;
  const hosted = new Map<string, HostedBatch>();
  /** The items' work (creating, cancelling, refreshing) of one batch runs one step at a time. */
  const itemsLock = (batchId: string) => `${batchId}#items`;

  const viewOf = (entry: HostedBatch) => batchRecordView(entry.stored.value);

  function outboxSource(entry: HostedBatch): OutboxSource<BatchStatus> {
    return {
      id: entry.batchId,
      get closed() {
        return entry.closed;
      },
      durable() {
        const view = viewOf(entry);
        return {
          outbox: entry.stored.value.outbox,
          content: { subject: 'batch', batchId: entry.batchId, batch: view },
          status: view.status,
        };
      },
      outbox: () => entry.outbox,
      async markPostAttempt(slot, attempted) {
        entry.outbox = markPostAttempt(entry.outbox, slot, attempted);
        const written = persistOutbox(entry);
        if (attempted) return written;
        written.catch(() => {});
      },
      markDelivered(slot, delivery) {
        entry.outbox = markDelivered(entry.outbox, slot, { ...delivery, at: clock.now() });
        // A delivery changes nothing the state asks for; only a batch that is told may now be archived.
        void persistOutbox(entry).then(
          () => archiveIfTold(entry),
          () => {},
        );
      },
    };
  }

  /** Compare-and-set; a lost race means another leader took the batch over: stop running it here. */
  async function write(entry: HostedBatch, value: CopyBatchRecord, auditEntries: readonly AuditEntry[] = []) {
    if (entry.closed) throw new Error(`batch ${entry.batchId} is no longer run here`);
    const leaderEpoch = leadership.epoch();
    const next = { ...value, ...(leaderEpoch !== undefined ? { leaderEpoch } : {}) };
    const written = await retrying('write batch', () =>
      batches.update(entry.batchId, entry.stored.version, next, auditEntries),
    );
    if (!written) {
      drop(entry);
      logger.error('batch given up by this process: another writer changed it', { batchId: entry.batchId });
      throw new Error(`batch ${entry.batchId} was changed by another writer`);
    }
    entry.stored = written;
  }

  function persistOutbox(entry: HostedBatch): Promise<void> {
    return withLock(entry.batchId, async () => {
      if (entry.closed) return;
      await write(entry, { ...entry.stored.value, outbox: entry.outbox });
    });
  }

  function drop(entry: HostedBatch): void {
    entry.closed = true;
    entry.cancelDeadline?.();
    entry.refreshWake?.();
    entry.retryWake?.();
    if (hosted.get(entry.batchId) === entry) hosted.delete(entry.batchId);
    dispatcher.forget(entry.batchId);
  }

  function restoreSnapshot(record: CopyBatchRecord) {
    return copyBatchMachine.resolveState(record.snapshot);
  }

  function send(batchId: string, event: CopyBatchEvent): Promise<BatchView | undefined> {
    return withLock(batchId, async () => {
      const entry = hosted.get(batchId);
      if (!entry || entry.closed) return undefined;
      const before = restoreSnapshot(entry.stored.value);
      const [after] = transition(copyBatchMachine, before, event);
      if (after === before) return viewOf(entry);
      const snapshot: PersistedCopyBatch = { value: after.value, context: after.context };
      const from = statePath(before.value);
      const to = statePath(after.value);
      entry.outbox = planBatchOutbox(batchRecordView({ ...entry.stored.value, snapshot }), entry.outbox);
      const actor = 'by' in event ? event.by : BOT_ACTOR;
      const entries =
        from === to
          ? []
          : [{ requestId: batchId, at: clock.now(), actor, action: `state:${from}->${to}`, from, to }];
      await write(
        entry,
        { ...entry.stored.value, snapshot, outbox: entry.outbox, updatedAt: clock.now() },
        entries,
      );
      afterWrite(entry);
      return viewOf(entry);
    });
  }

  /** What the state just written asks for; each of these is safe to do again. */
  function afterWrite(entry: HostedBatch): void {
    if (entry.closed || deps.stopping.aborted) return;
    dispatcher.deliver(outboxSource(entry));
    const view = viewOf(entry);
    if (view.status !== 'awaitingApproval') entry.cancelDeadline?.();
    switch (view.status) {
      case 'selecting':
        void runSelection(entry);
        return;
      case 'awaitingApproval':
        armDeadline(entry, view);
        return;
      case 'running':
      case 'cancelling':
        void itemsWork(entry, () => (view.status === 'running' ? createItems(entry) : cancelItems(entry)));
        return;
      default:
        archiveIfTold(entry);
    }
  }

  function archiveIfTold(entry: HostedBatch): void {
    if (!entry.closed && isFinalBatchStatus(viewOf(entry).status) && isDrained(entry.outbox)) {
      void archiveBatch(entry);
    }
  }

  function armDeadline(entry: HostedBatch, view: BatchView): void {
    const deadline = view.approval.deadline;
    if (deadline === undefined) return;
    entry.cancelDeadline?.();
    entry.cancelDeadline = atTime(clock, deadline, () => {
      void send(entry.batchId, { type: 'DEADLINE', at: clock.now() }).catch((error: unknown) =>
        logger.error('batch expiry not recorded', { batchId: entry.batchId, error }),
      );
    });
  }

  function fixSelection(parameters: BatchParameters, selection: BatchSelection): FixedSelection {
    const items = selection.items.map(({ parameters: _derived, ...item }) => item);
    return {
      items,
      refused: selection.refused,
      disksFound: selection.disksFound,
      ...(selection.estimate ? { estimate: selection.estimate } : {}),
      ...(selection.key ? { key: selection.key } : {}),
      approval: selection.approval,
      digest: batchDigest(parameters, items),
    };
  }

  /** Read-only, so it simply runs again after a restart; a retryable cloud error is retried a while. */
  async function runSelection(entry: HostedBatch): Promise<void> {
    if (entry.selecting) return;
    entry.selecting = true;
    const { parameters } = entry.stored.value.snapshot.context;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const selection = await selectBatch(deps.gateway, parameters, deps.prices);
          const [refusal] = selection.refusals;
          const event: CopyBatchEvent = refusal
            ? { type: 'SELECTION_FAILED', code: refusal.code, hint: refusal.message, at: clock.now() }
            : { type: 'SELECTED', selection: fixSelection(parameters, selection), at: clock.now() };
          await send(entry.batchId, event);
          return;
        } catch (error) {
          const failure = stepFailureFrom(error, clock.now(), logger, 'selectBatch');
          if (!failure.retryable || attempt >= SELECTION_ATTEMPTS || entry.closed) {
            await send(entry.batchId, {
              type: 'SELECTION_FAILED',
              code: failure.code,
              hint: failure.hint,
              at: clock.now(),
            });
            return;
          }
          await backoffPause(clock, backoffDelayMs(attempt, SELECTION_RETRY), deps.stopping);
          if (entry.closed || deps.stopping.aborted) return;
        }
      }
    } catch (error) {
      logger.error('batch selection not recorded', { batchId: entry.batchId, error });
    } finally {
      entry.selecting = false;
    }
  }

  /** Does `work` on the batch's items (none: only reads them again), then refreshes the batch's view of them. */
  function itemsWork(entry: HostedBatch, work?: () => Promise<void>): Promise<void> {
    return withLock(itemsLock(entry.batchId), async () => {
      if (entry.closed || deps.stopping.aborted) return;
      await work?.();
      await refreshItems(entry);
    }).catch((error: unknown) => {
      // Nothing else may come to wake the batch (no item exists yet to report back): look again.
      logger.error('batch items not brought up to date; trying again', { batchId: entry.batchId, error });
      if (entry.closed || entry.retryWake) return;
      entry.retryWake = atTime(clock, clock.now() + ITEMS_RETRY_MS, () => {
        entry.retryWake = undefined;
        afterWrite(entry);
      });
    });
  }

  /** Every item not created yet gets its copy request, carrying the batch's decision. */
  async function createItems(entry: HostedBatch): Promise<void> {
    const { context } = entry.stored.value.snapshot;
    const items = context.selection?.items ?? [];
    const { decidedBy, decidedAt } = context.approval;
    const approval =
      decidedBy !== undefined && decidedAt !== undefined ? { by: decidedBy, at: decidedAt } : undefined;
    for (const item of items) {
      const requestId = itemRequestId(entry.batchId, item.index);
      if (context.items[item.index]?.requestId === requestId) continue;
      // A cancel may have come meanwhile: what is not created by then never will be.
      if (entry.closed || viewOf(entry).status !== 'running') return;
      await deps.items.open(
        requestId,
        {
          parameters: itemParameters(context.parameters, item),
          requester: context.requester,
          batch: { batchId: entry.batchId, index: item.index, ...(approval ? { approval } : {}) },
        },
        `${entry.batchId}:${item.index}`,
      );
    }
  }

  async function cancelItems(entry: HostedBatch): Promise<void> {
    const { context } = entry.stored.value.snapshot;
    const by = context.cancellation?.by ?? context.requester.userId;
    const requestIds = (context.selection?.items ?? []).map((item) =>
      itemRequestId(entry.batchId, item.index),
    );
    await deps.items.cancel(requestIds, by);
  }

  function itemStateOf(view: RequestView | undefined, context: PersistedCopyBatch['context']): ItemState {
    if (!view) {
      // Never created and never will be: the batch was cancelled first.
      if (context.cancellation) {
        return {
          status: 'cancelled',
          progress: 0,
          cancellation: { ...context.cancellation, outcome: 'beforeCopy' },
        };
      }
      return PENDING_ITEM;
    }
    const state: ItemState = {
      requestId: view.requestId,
      status: view.status,
      progress: view.copy?.progress ?? 0,
    };
    if (view.copy?.remainTimeSeconds !== undefined) state.remainTimeSeconds = view.copy.remainTimeSeconds;
    if (view.copy?.snapshotId) state.newSnapshotId = view.copy.snapshotId;
    if (view.queued) state.queued = true;
    if (view.failure) state.failure = view.failure;
    if (view.refusals) state.refusals = view.refusals;
    if (view.cancellation) state.cancellation = view.cancellation;
    return state;
  }

  async function refreshItems(entry: HostedBatch): Promise<void> {
    entry.refreshQueued = false;
    const { context } = entry.stored.value.snapshot;
    const planned = context.selection?.items ?? [];
    const items: ItemState[] = [];
    for (const item of planned) {
      items.push(itemStateOf(await deps.items.view(itemRequestId(entry.batchId, item.index)), context));
    }
    if (sameItems(items, context.items)) return;
    await send(entry.batchId, { type: 'ITEMS_CHANGED', items, at: clock.now() });
  }

  /**
   * An item that changed status (or left the queue) is shown at once, for the counts people read;
   * newer progress only waits for the next refresh, at most one per `itemRefreshMs`.
   */
  function itemChanged(item: RequestView): void {
    const entry = item.batch ? hosted.get(item.batch.batchId) : undefined;
    if (!entry || entry.closed || !item.batch) return;
    const known = entry.stored.value.snapshot.context.items[item.batch.index];
    const counted = known?.status !== item.status || (known.queued ?? false) !== (item.queued !== undefined);
    if (counted) {
      if (entry.refreshQueued) return;
      entry.refreshQueued = true;
      entry.refreshWake?.();
      entry.refreshWake = undefined;
      void itemsWork(entry);
      return;
    }
    if (entry.refreshWake || entry.refreshQueued) return;
    entry.refreshWake = atTime(clock, clock.now() + deps.itemRefreshMs, () => {
      entry.refreshWake = undefined;
      void itemsWork(entry);
    });
  }

  async function archiveBatch(entry: HostedBatch): Promise<void> {
    await withLock(entry.batchId, async () => {
      if (entry.closed || hosted.get(entry.batchId) !== entry) return;
      const record = entry.stored.value;
      drop(entry);
      await retrying('archive batch', async () => {
        await archive.create(record.batchId, record);
        await batches.delete(record.batchId);
      });
      await audit
        .append({ requestId: record.batchId, at: clock.now(), actor: BOT_ACTOR, action: 'archived' })
        .catch((error: unknown) =>
          logger.error('audit entry not written', { batchId: record.batchId, error }),
        );
    }).catch((error: unknown) =>
      logger.error('finished batch not archived', { batchId: entry.batchId, error }),
    );
  }

  function hostBatch(stored: Versioned<CopyBatchRecord>): HostedBatch {
    const entry: HostedBatch = {
      batchId: stored.value.batchId,
      stored,
      outbox: stored.value.outbox,
      closed: false,
      selecting: false,
      refreshQueued: false,
    };
    hosted.set(entry.batchId, entry);
    return entry;
  }

  /** Hosts a stored batch after writing this leader's epoch into it, which fences off the previous one. */
  async function adopt(stored: Versioned<CopyBatchRecord>): Promise<void> {
    const problem = batchRestoreProblem(stored.value);
    if (problem) {
      logger.error('batch not restored: machine mismatch', { batchId: stored.value.batchId, problem });
      return;
    }
    const entry = hostBatch(stored);
    const epoch = leadership.epoch();
    if (epoch !== undefined && stored.value.leaderEpoch !== epoch) await write(entry, stored.value);
    if (!entry.closed) afterWrite(entry);
  }

  function initialSnapshot(
    batchId: string,
    parameters: BatchParameters,
    requester: Requester,
  ): PersistedCopyBatch {
    const input = {
      batchId,
      parameters,
      requester,
      createdAt: clock.now(),
      approvalTtlMs: deps.approvalTtlMs,
    };
    const [initial] = initialTransition(copyBatchMachine, input);
    return { value: initial.value, context: initial.context };
  }

  /** Batches claim their submissions apart from requests': the same modal may submit either. */
  const claimSubmission = (submissionId: string) => deps.claim(`batch:${submissionId}`, newBatchId);

  async function find(batchId: string): Promise<BatchView | undefined> {
    const live = hosted.get(batchId);
    if (live && !live.closed) return viewOf(live);
    const stored = (await batches.get(batchId)) ?? (await archive.get(batchId));
    return stored ? batchRecordView(stored.value) : undefined;
  }

  async function storedViews(collection: typeof batches): Promise<BatchView[]> {
    return (await readRecords(collection)).map(batchRecordView);
  }

  return {
    claimSubmission,
    unstarted: (batchId, parameters, requester) =>
      toBatchView(initialSnapshot(batchId, parameters, requester)),
    async open(batchId, parameters, requester, submissionId) {
      if (deps.stopping.aborted) throw new Error('the copy-request runtime is stopping');
      return withLock(batchId, async () => {
        const known = await find(batchId);
        if (known) return known;
        const snapshot = initialSnapshot(batchId, parameters, requester);
        const record = newBatchRecord(snapshot.context, submissionId, snapshot);
        const epoch = leadership.epoch();
        const created = await retrying('create batch', () =>
          batches.create(batchId, { ...record, ...(epoch !== undefined ? { leaderEpoch: epoch } : {}) }),
        );
        if (!created) return (await find(batchId)) ?? batchRecordView(record);
        await audit
          .append({ requestId: batchId, at: record.updatedAt, actor: requester.userId, action: 'submitted' })
          .catch((error: unknown) => logger.error('audit entry not written', { batchId, error }));
        const entry = hostBatch(created);
        afterWrite(entry);
        return viewOf(entry);
      });
    },
    send,
    live: (batchId) => {
      const entry = hosted.get(batchId);
      return entry && !entry.closed ? viewOf(entry) : undefined;
    },
    find,
    openViews: async () => (deps.isLeading() ? [...hosted.values()].map(viewOf) : storedViews(batches)),
    archivedViews: () => storedViews(archive),
    itemChanged,
    async lead() {
      for (const batchId of await batches.ids()) {
        await withLock(batchId, async () => {
          if (hosted.has(batchId) || !leadership.holds()) return;
          const stored = await retrying('read batch', () => batches.get(batchId));
          if (stored) await adopt(stored);
        }).catch((error: unknown) => logger.error('batch not restored', { batchId, error }));
      }
      logger.info('copy batches restored', { open: hosted.size });
    },
    leave() {
      for (const entry of [...hosted.values()]) drop(entry);
    },
    outboxes: () => [...hosted.values()].map((entry) => entry.outbox),
  };
}
