/**
 * The one live actor of an open request and its serialized write chain. Every snapshot change is
 * written, latest first and never reordered, with compare-and-set on the record's version; a
 * failed CAS means another writer owns the request, so this host stops at once and never runs a
 * side effect from stale state. Side-effecting steps and the service await `flush()`, which
 * resolves once the state they depend on is durable (write-ahead).
 */
import { type Actor, createActor, type InspectionEvent } from 'xstate';
import type { Logger } from '../observability/logger.ts';
import type { AuditEntry, AuditLog, Versioned, VersionedCollection } from '../store/store.ts';
import { auditEntryFor } from './audit-trail.ts';
import { type BackoffPolicy, backoffDelayMs } from './backoff.ts';
import type { Clock } from './clock.ts';
import type { CopyRequestContext, CopyRequestEvent } from './copy-request-context.ts';
import type { CopyRequestMachine } from './copy-request-machine.ts';
import { markDelivered, type Outbox, planOutbox } from './notification-outbox.ts';
import type { DeliveryReceipt, NotificationSlot } from './notifier.ts';
import type { CopyRequestRecord, PersistedCopyRequest } from './request-record.ts';
import type { RequestStatus, RequestView } from './request-view.ts';
import { statePath, toRequestView } from './to-request-view.ts';

/** The request is no longer hosted here: stopped, or taken over by another writer. */
export class RequestNotHostedError extends Error {
  constructor(requestId: string, why: string) {
    super(`request ${requestId} is not hosted by this process: ${why}`);
    this.name = 'RequestNotHostedError';
  }
}

export interface RequestHostDeps {
  machine: CopyRequestMachine;
  requests: VersionedCollection<CopyRequestRecord>;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  storeRetry: BackoffPolicy;
  /** Called after every durable write (deliver notifications, archive when finished). */
  onDurable(host: RequestHost): void;
  /**
   * Called once when the host gave up the request: `reload` when another writer won a CAS (the
   * stored state is worth continuing from), not when the actor itself broke.
   */
  onLost(host: RequestHost, why: string, reload: boolean): void;
}

export interface DurableState {
  record: CopyRequestRecord;
  view: RequestView;
}

export interface RequestHost {
  readonly requestId: string;
  /** The live state, possibly not yet durable. */
  view(): RequestView;
  /** The last state written to the store: what notifications may show. */
  durable(): DurableState;
  /** Delivery marks included, possibly not yet written. */
  outbox(): Outbox;
  send(event: CopyRequestEvent): void;
  /** Resolves once the current state is durable; rejects when the request was lost to another writer. */
  flush(): Promise<void>;
  markDelivered(
    slot: NotificationSlot,
    delivery: { revision: number; status: RequestStatus; receipt: DeliveryReceipt },
  ): void;
  /** Waits for pending writes, then stops the actor; later flushes resolve at once. */
  close(): Promise<void>;
  /**
   * Stops the actor at once, with no further write: this replica no longer leads, so its state
   * may be stale. Pending and later flushes reject.
   */
  abandon(why: string): void;
  readonly closed: boolean;
}

type CopyRequestActor = Actor<CopyRequestMachine>;

/** Restores (or starts) the request's actor; throws when the snapshot cannot be restored. */
export function hostRequest(stored: Versioned<CopyRequestRecord>, deps: RequestHostDeps): RequestHost {
  const { requests, clock, logger } = deps;
  const requestId = stored.value.requestId;
  let version = stored.version;
  let durableRecord = stored.value;
  let durableView: RequestView | undefined;
  let outbox = stored.value.outbox;
  let writtenKey = recordKey(stored.value.snapshot, stored.value.outbox);
  let closed = false;
  let lostReason: string | undefined;
  let chain: Promise<void> = Promise.resolve();
  const pendingAudit: AuditEntry[] = [];
  let lastPath = stored.value.snapshot ? statePath(stored.value.snapshot.value) : undefined;
  let lastContext: CopyRequestContext | undefined;
  let started = false;

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  function observe(inspection: InspectionEvent): void {
    if (inspection.type !== '@xstate.snapshot' || inspection.actorRef.sessionId !== inspection.rootId) return;
    const snapshot = inspection.snapshot as unknown as {
      value: PersistedCopyRequest['value'];
      context: CopyRequestContext;
    };
    const to = statePath(snapshot.value);
    const from = lastPath ?? to;
    const entry = auditEntryFor({
      requestId,
      event: inspection.event,
      from,
      to,
      contextChanged: lastContext !== undefined && lastContext !== snapshot.context,
      at: clock.now(),
    });
    if (entry) pendingAudit.push(entry);
    lastPath = to;
    lastContext = snapshot.context;
  }

  const options = stored.value.snapshot
    ? { snapshot: stored.value.snapshot as never, input: stored.value.input, inspect: observe }
    : { input: stored.value.input, inspect: observe };
  const actor: CopyRequestActor = createActor(deps.machine, options);

  /** Stops the actor for good; every later write or flush fails with `why`. */
  function halt(why: string): void {
    closed = true;
    lostReason = why;
    actor.stop();
  }

  function lose(why: string, reload: boolean): void {
    if (closed) return;
    halt(why);
    deps.onLost(host, why, reload);
  }

  async function appendAudit(entries: AuditEntry[]): Promise<void> {
    for (const entry of entries) {
      try {
        await deps.audit.append(entry);
      } catch (error) {
        // The request's state is durable already; a lost audit line is logged, not retried forever.
        logger.error('audit entry not written', { requestId, action: entry.action, error });
      }
    }
  }

  async function persist(): Promise<void> {
    if (lostReason !== undefined) throw new RequestNotHostedError(requestId, lostReason);
    // Closed cleanly: its last state was written on the way out.
    if (closed) return;
    // A broken actor's snapshot would restore broken; the last good state stays in the store.
    if (actor.getSnapshot().status === 'error')
      throw new RequestNotHostedError(requestId, 'the actor failed');
    const snapshot = actor.getPersistedSnapshot() as unknown as PersistedCopyRequest;
    const view = toRequestView(snapshot);
    outbox = planOutbox(view, outbox);
    const key = recordKey(snapshot, outbox);
    const audit = pendingAudit.splice(0);
    if (key !== writtenKey) {
      const record: CopyRequestRecord = { ...durableRecord, snapshot, outbox, updatedAt: clock.now() };
      for (let attempt = 1; ; attempt++) {
        if (lostReason !== undefined) throw new RequestNotHostedError(requestId, lostReason);
        try {
          const written = await requests.update(requestId, version, record);
          if (!written) {
            lose('another writer changed the record (CAS conflict)', true);
            throw new RequestNotHostedError(requestId, 'CAS conflict');
          }
          version = written.version;
          break;
        } catch (error) {
          if (error instanceof RequestNotHostedError) throw error;
          const delayMs = backoffDelayMs(attempt, deps.storeRetry);
          logger.warn('request write failed; retrying', { requestId, attempt, delayMs, error });
          await sleep(delayMs);
        }
      }
      durableRecord = record;
      durableView = view;
      writtenKey = key;
    }
    await appendAudit(audit);
    deps.onDurable(host);
  }

  function enqueueWrite(): Promise<void> {
    const write = chain.then(persist);
    chain = write.catch(() => {});
    return write;
  }

  const host: RequestHost = {
    requestId,
    view: () => toRequestView(actor.getSnapshot()),
    durable: () => ({
      record: durableRecord,
      view: durableView ?? (durableRecord.snapshot ? toRequestView(durableRecord.snapshot) : host.view()),
    }),
    outbox: () => outbox,
    send: (event) => {
      if (closed) throw new RequestNotHostedError(requestId, lostReason ?? 'closed');
      actor.send(event);
    },
    async flush() {
      // An invoked step starts inside the transition, before subscribers see the new state;
      // one macrotask later that state is the actor's snapshot and can be written.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await enqueueWrite();
    },
    markDelivered(slot, delivery) {
      if (closed) return;
      outbox = markDelivered(outbox, slot, { ...delivery, at: clock.now() });
      void enqueueWrite().catch(() => {});
    },
    async close() {
      if (closed) return;
      await enqueueWrite().catch(() => {});
      closed = true;
      actor.stop();
    },
    abandon(why) {
      if (!closed) halt(why);
    },
    get closed() {
      return closed;
    },
  };

  actor.subscribe({
    next: () => {
      if (!closed) void enqueueWrite().catch(() => {});
    },
    error: (error) => {
      logger.error('request actor failed', { requestId, error });
      // A snapshot that cannot be restored is reported by the check below, to the caller.
      if (started) lose('the actor failed', false);
    },
  });
  actor.start();
  started = true;
  if (actor.getSnapshot().status === 'error') {
    const why = 'the persisted snapshot does not fit this machine (status error after restore)';
    halt(why);
    throw new RequestNotHostedError(requestId, why);
  }
  return host;
}

function recordKey(snapshot: unknown, outbox: Outbox): string {
  return JSON.stringify({ snapshot, outbox });
}
