/**
 * The one live actor of an open request and its serialized write chain. Every snapshot change is
 * written, latest first and never reordered, with compare-and-set on the record's version; a
 * failed CAS means another writer owns the request, so this host stops at once and never runs a
 * side effect from stale state. Side-effecting steps and the service await `flush()`, which
 * resolves once the state they depend on is durable (write-ahead).
 */
import { createHash } from 'node:crypto';
import { type Actor, createActor, type InspectionEvent } from 'xstate';
import type { Logger } from '../observability/logger.ts';
import type { AuditEntry, AuditLog, Versioned, VersionedCollection } from '../store/store.ts';
import { auditEntryFor } from './audit-trail.ts';
import { type BackoffPolicy, backoffDelayMs, backoffPause } from './backoff.ts';
import type { Clock } from './clock.ts';
import type { CopyRequestContext, CopyRequestEvent } from './copy-request-context.ts';
import type { CopyRequestMachine } from './copy-request-machine.ts';
import type { QueuedCopy } from './copy-slots.ts';
import type { OutboxSource } from './notification-dispatcher.ts';
import { markDelivered, markPostAttempt, type Outbox, planOutbox } from './notification-outbox.ts';
import type { DeliveryReceipt, NotificationSlot } from './notifier.ts';
import type { CopyRequestRecord, PersistedCopyRequest } from './request-record.ts';
import type { RequestStatus, RequestView } from './request-view.ts';
import { statePath, toRequestView } from './to-request-view.ts';
import type { WorkflowObserver } from './workflow-observer.ts';

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
  /**
   * Aborted when the runtime stops: a write in its back-off gives up, and the request resumes
   * from what the store holds (write-ahead: nothing was done on the unwritten state).
   */
  stopping: AbortSignal;
  /** Told of every status change this host writes. */
  observer: WorkflowObserver;
  /** Where the request waits for a copy slot, if it does (kept outside the actor: copy-slots.ts). */
  queued(requestId: string): QueuedCopy | undefined;
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
  /** Writes the current state; also when only what people see changed (waiting for a copy slot). */
  replan(): void;
  /** Resolves once the current state is durable; rejects when the request was lost to another writer. */
  flush(): Promise<void>;
  markDelivered(
    slot: NotificationSlot,
    delivery: { revision: number; status: RequestStatus; receipt: DeliveryReceipt },
  ): void;
  /**
   * Marks that the slot's message is about to be posted (resolving once that is durable), or
   * that the post certainly failed (written with the next write).
   */
  markPostAttempt(slot: NotificationSlot, attempted: boolean): Promise<void>;
  /** Waits for pending writes, then stops the actor; later flushes resolve at once. */
  close(): Promise<void>;
  /**
   * Stops the actor at once, with no further write: this replica no longer leads, so its state
   * may be stale. Pending and later flushes reject.
   */
  abandon(why: string): void;
  readonly closed: boolean;
}

/** The host as the notification dispatcher sees it: its outbox and the durable view it shows. */
export function requestOutbox(host: RequestHost): OutboxSource<RequestStatus> {
  return {
    id: host.requestId,
    get closed() {
      return host.closed;
    },
    durable() {
      const { record, view } = host.durable();
      return {
        outbox: record.outbox,
        content: { subject: 'request', requestId: host.requestId, request: view },
        status: view.status,
      };
    },
    outbox: () => host.outbox(),
    markPostAttempt: (slot, attempted) => host.markPostAttempt(slot, attempted),
    markDelivered: (slot, delivery) => host.markDelivered(slot, delivery),
  };
}

type CopyRequestActor = Actor<CopyRequestMachine>;

/** Restores (or starts) the request's actor; throws when the snapshot cannot be restored. */
export function hostRequest(stored: Versioned<CopyRequestRecord>, deps: RequestHostDeps): RequestHost {
  return new HostedRequest(stored, deps);
}

/**
 * A class, not a factory of closures: every open request keeps one host alive, and under tsx each
 * named closure carries its own property array besides its context, about twenty per request.
 */
class HostedRequest implements RequestHost {
  readonly requestId: string;
  private readonly deps: RequestHostDeps;
  private readonly actor: CopyRequestActor;
  private version: number;
  private durableRecord: CopyRequestRecord;
  private durableView: RequestView | undefined;
  private currentOutbox: Outbox;
  private writtenKey: string;
  private isClosed = false;
  private lostReason: string | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly pendingAudit: AuditEntry[] = [];
  private lastPath: string | undefined;
  private lastContext: CopyRequestContext | undefined;
  private started = false;

  constructor(stored: Versioned<CopyRequestRecord>, deps: RequestHostDeps) {
    this.deps = deps;
    this.requestId = stored.value.requestId;
    this.version = stored.version;
    this.durableRecord = stored.value;
    this.currentOutbox = stored.value.outbox;
    this.writtenKey = recordKey(stored.value.snapshot, stored.value.outbox);
    this.lastPath = stored.value.snapshot ? statePath(stored.value.snapshot.value) : undefined;

    // Bound, not arrows in an object literal: tsx would name (and so enlarge) each of those.
    const inspect = this.observe.bind(this);
    const options = stored.value.snapshot
      ? { snapshot: stored.value.snapshot as never, input: stored.value.input, inspect }
      : { input: stored.value.input, inspect };
    this.actor = createActor(deps.machine, options);
    this.actor.subscribe(this.replan.bind(this), this.onActorError.bind(this));
    this.actor.start();
    this.started = true;
    if (this.actor.getSnapshot().status === 'error') {
      const why = 'the persisted snapshot does not fit this machine (status error after restore)';
      this.halt(why);
      throw new RequestNotHostedError(this.requestId, why);
    }
  }

  get closed(): boolean {
    return this.isClosed;
  }

  view(): RequestView {
    const view = toRequestView(this.actor.getSnapshot());
    const queued = this.deps.queued(this.requestId);
    return queued ? { ...view, queued } : view;
  }

  durable(): DurableState {
    const record = this.durableRecord;
    return {
      record,
      view: this.durableView ?? (record.snapshot ? toRequestView(record.snapshot) : this.view()),
    };
  }

  outbox(): Outbox {
    return this.currentOutbox;
  }

  send(event: CopyRequestEvent): void {
    if (this.isClosed) throw new RequestNotHostedError(this.requestId, this.lostReason ?? 'closed');
    this.actor.send(event);
  }

  replan(): void {
    if (!this.isClosed) void this.enqueueWrite().catch(ignore);
  }

  async flush(): Promise<void> {
    // An invoked step starts inside the transition, before subscribers see the new state;
    // one macrotask later that state is the actor's snapshot and can be written.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.enqueueWrite();
  }

  markDelivered(
    slot: NotificationSlot,
    delivery: { revision: number; status: RequestStatus; receipt: DeliveryReceipt },
  ): void {
    if (this.isClosed) return;
    this.currentOutbox = markDelivered(this.currentOutbox, slot, { ...delivery, at: this.deps.clock.now() });
    void this.enqueueWrite().catch(ignore);
  }

  async markPostAttempt(slot: NotificationSlot, attempted: boolean): Promise<void> {
    if (this.isClosed) throw new RequestNotHostedError(this.requestId, this.lostReason ?? 'closed');
    this.currentOutbox = markPostAttempt(this.currentOutbox, slot, attempted);
    const written = this.enqueueWrite();
    if (attempted) return written;
    written.catch(ignore);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    await this.enqueueWrite().catch(ignore);
    this.isClosed = true;
    this.actor.stop();
  }

  abandon(why: string): void {
    if (!this.isClosed) this.halt(why);
  }

  private observe(inspection: InspectionEvent): void {
    if (inspection.type !== '@xstate.snapshot' || inspection.actorRef.sessionId !== inspection.rootId) return;
    const snapshot = inspection.snapshot as unknown as {
      value: PersistedCopyRequest['value'];
      context: CopyRequestContext;
    };
    const to = statePath(snapshot.value);
    const from = this.lastPath ?? to;
    const entry = auditEntryFor({
      requestId: this.requestId,
      event: inspection.event,
      from,
      to,
      contextChanged: this.lastContext !== undefined && this.lastContext !== snapshot.context,
      at: this.deps.clock.now(),
    });
    if (entry) this.pendingAudit.push(entry);
    this.lastPath = to;
    this.lastContext = snapshot.context;
  }

  private onActorError(error: unknown): void {
    this.deps.logger.error('request actor failed', { requestId: this.requestId, error });
    // A snapshot that cannot be restored is reported by the constructor's check, to the caller.
    if (this.started) this.lose('the actor failed', false);
  }

  /** Stops the actor for good; every later write or flush fails with `why`. */
  private halt(why: string): void {
    this.isClosed = true;
    this.lostReason = why;
    this.actor.stop();
  }

  private lose(why: string, reload: boolean): void {
    if (this.isClosed) return;
    this.halt(why);
    this.deps.onLost(this, why, reload);
  }

  private enqueueWrite(): Promise<void> {
    const write = this.chain.then(() => this.persist());
    this.chain = write.catch(ignore);
    return write;
  }

  private async persist(): Promise<void> {
    const { requestId, deps } = this;
    if (this.lostReason !== undefined) throw new RequestNotHostedError(requestId, this.lostReason);
    // Closed cleanly: its last state was written on the way out.
    if (this.isClosed) return;
    // A broken actor's snapshot would restore broken; the last good state stays in the store.
    if (this.actor.getSnapshot().status === 'error')
      throw new RequestNotHostedError(requestId, 'the actor failed');
    const snapshot = this.actor.getPersistedSnapshot() as unknown as PersistedCopyRequest;
    const view = toRequestView(snapshot);
    const queued = deps.queued(requestId);
    if (queued) view.queued = { regionId: queued.regionId };
    const outbox = planOutbox(view, this.currentOutbox);
    this.currentOutbox = outbox;
    const key = recordKey(snapshot, outbox);
    const audit = this.pendingAudit.splice(0);
    if (key !== this.writtenKey) {
      const from = this.durableStatus();
      const record: CopyRequestRecord = {
        ...this.durableRecord,
        snapshot,
        outbox,
        updatedAt: deps.clock.now(),
      };
      for (let attempt = 1; ; attempt++) {
        if (this.lostReason !== undefined) throw new RequestNotHostedError(requestId, this.lostReason);
        try {
          // The audit entries are stored in the same transaction as the state they record.
          const written = await deps.requests.update(requestId, this.version, record, audit);
          if (!written) {
            this.lose('another writer changed the record (CAS conflict)', true);
            throw new RequestNotHostedError(requestId, 'CAS conflict');
          }
          this.version = written.version;
          break;
        } catch (error) {
          if (error instanceof RequestNotHostedError || deps.stopping.aborted) throw error;
          const delayMs = backoffDelayMs(attempt, deps.storeRetry);
          deps.logger.warn('request write failed; retrying', { requestId, attempt, delayMs, error });
          await backoffPause(deps.clock, delayMs, deps.stopping);
          if (deps.stopping.aborted) throw error;
        }
      }
      this.durableRecord = record;
      this.durableView = view;
      this.writtenKey = key;
      if (from !== undefined && from !== view.status) deps.observer.moved({ from, request: view });
    } else {
      await this.appendAudit(audit);
    }
    deps.onDurable(this);
  }

  /** What the store holds now; undefined before the request's first snapshot is written. */
  private durableStatus(): RequestStatus | undefined {
    if (this.durableView) return this.durableView.status;
    const { snapshot } = this.durableRecord;
    return snapshot ? toRequestView(snapshot).status : undefined;
  }

  /** Entries of a change that left the record as it was (e.g. a refused event). */
  private async appendAudit(entries: AuditEntry[]): Promise<void> {
    await Promise.all(
      entries.map((entry) =>
        // The request's state is durable already; a lost audit line is logged, not retried forever.
        this.deps.audit.append(entry).catch((error: unknown) =>
          this.deps.logger.error('audit entry not written', {
            requestId: this.requestId,
            action: entry.action,
            error,
          }),
        ),
      ),
    );
  }
}

function ignore(): void {}

/**
 * What was last written, to skip writes that change nothing. A digest, not the JSON itself: every
 * open request keeps one in memory, and its snapshot's JSON is several kilobytes.
 */
function recordKey(snapshot: unknown, outbox: Outbox): string {
  return createHash('sha256').update(JSON.stringify({ snapshot, outbox })).digest('base64');
}
