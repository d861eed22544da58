/**
 * The durable runtime of the copy-request workflow: one live actor per open request, each written
 * through its own serialized CAS chain; on start every open request is restored where it was
 * (deadlines re-armed, an in-flight CopySnapshot re-sent with the same ClientToken, polling
 * resumed) and pending notifications are delivered; finished requests move to the archive.
 * It is the only part of snapcopy that writes requests to the store.
 *
 * With several replicas on one store (`replica` set) only the holder of the leader lease runs the
 * requests; the others relay what Slack hands them through the request inbox (docs/REPLICAS.md).
 */
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import type { CopyParameters, Requester } from '../domain/copy-request.ts';
import type { PriceTable } from '../domain/price-table.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import type { Store, Versioned } from '../store/store.ts';
import type { ApproverDirectory } from './approver-directory.ts';
import { BOT_ACTOR } from './audit-trail.ts';
import type { BackoffPolicy } from './backoff.ts';
import { createBatchRuntime } from './batch/batch-runtime.ts';
import { createCopyBatchService } from './batch/batch-service.ts';
import type { CopyBatchService } from './batch/copy-batch-service.ts';
import { type Clock, systemClock } from './clock.ts';
import type {
  BatchMembership,
  CopyRequestInput,
  StepFailure,
  WorkflowPolicy,
} from './copy-request-context.ts';
import { copyRequestMachine } from './copy-request-machine.ts';
import type { AcceptedResult, CopyRequestService } from './copy-request-service.ts';
import { createCopyRequestSteps } from './copy-request-steps.ts';
import { createCopySlots } from './copy-slots.ts';
import {
  backgroundGateway,
  backgroundNotifier,
  type ForegroundActivity,
  NO_FOREGROUND,
} from './foreground-activity.ts';
import { createLeaderLease } from './leader-lease.ts';
import { createLeaderRelay, soleRelay } from './leader-relay.ts';
import { type Leadership, soleLeadership } from './leadership.ts';
import { createNotificationDispatcher } from './notification-dispatcher.ts';
import { isDrained, isFinalStatus } from './notification-outbox.ts';
import type { Notifier } from './notifier.ts';
import { createProgressPoller } from './progress-poller.ts';
import {
  hostRequest,
  type RequestHost,
  type RequestHostDeps,
  RequestNotHostedError,
  requestOutbox,
} from './request-host.ts';
import { newRequestId } from './request-id.ts';
import type { AnyRelayedResult, RelayedCommand } from './request-inbox.ts';
import { createRequestLocks } from './request-locks.ts';
import {
  type CopyRequestRecord,
  newRequestRecord,
  readRecords,
  recordView,
  restoreProblem,
} from './request-record.ts';
import { createCopyRequestService, type RequestRegistry } from './request-service.ts';
import type { RequestView } from './request-view.ts';
import { type RuntimeCensus, takeCensus } from './runtime-census.ts';
import { createStoreRetry, INTERACTIVE_STORE_ATTEMPTS } from './store-retry.ts';
import { createSubmissionClaims } from './submission-claims.ts';
import { NO_WORKFLOW_OBSERVER, type WorkflowObserver } from './workflow-observer.ts';

export interface RuntimeSettings {
  approvalTtlMs: number;
  archiveRetentionMs: number;
  pollMinIntervalMs: number;
  pollMaxIntervalMs: number;
  cardUpdateMinIntervalMs: number;
  /** Copies in flight per destination region on the leader; the others wait in line (copy-slots.ts). */
  maxCopiesPerRegion: number;
}

/** Several replicas share the store: set on every one of them (Redis or PostgreSQL). */
export interface ReplicaSettings {
  /** Unique per running process; names the holder of the leader lease. */
  replicaId: string;
  /** Default 15 s: a dead leader is replaced within this plus a third of it. */
  leaderLeaseTtlMs?: number;
  /** How often the leader applies commands relayed by the other replicas. */
  inboxPollIntervalMs?: number;
  /** How long a relayed call waits for the leader's answer before saying it is recorded. */
  relayWaitMs?: number;
}

export interface CopyRequestRuntimeDeps {
  store: Store;
  gateway: CloudGateway;
  notifier: Notifier;
  approvers: ApproverDirectory;
  prices: PriceTable;
  clock?: Clock;
  logger?: Logger;
  settings?: Partial<RuntimeSettings>;
  /** Who background work waits for (src/workflow/foreground-activity.ts); absent: nobody. */
  foreground?: ForegroundActivity;
  /** Absent: this process is the store's only user and always runs every request. */
  replica?: ReplicaSettings;
  /** Told of status changes (metrics); absent: nobody. */
  observer?: WorkflowObserver;
}

export interface CopyRequestRuntime {
  service: CopyRequestService;
  /** Batches: one decision for the latest snapshot of every disk an instance or tags select. */
  batches: CopyBatchService;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while this process runs the requests: the leader, or a sole replica once started. */
  isLeading(): boolean;
  /** Counts for metrics: reads the store (open and archived requests), so call it at scrape time. */
  census(): Promise<RuntimeCensus>;
}

const HOUR_MS = 3600_000;

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = {
  approvalTtlMs: 24 * HOUR_MS,
  archiveRetentionMs: 90 * 24 * HOUR_MS,
  pollMinIntervalMs: 5_000,
  pollMaxIntervalMs: 60_000,
  cardUpdateMinIntervalMs: 3_000,
  maxCopiesPerRegion: 20,
};

/** Cloud steps: about 40 minutes of retries before a request fails on a persistent outage. */
const STEP_RETRY = { retryBaseMs: 5_000, retryMaxMs: 300_000, maxAttempts: 12 };
const STORE_RETRY: BackoffPolicy = { baseMs: 200, maxMs: 30_000 };
const DELIVERY_RETRY: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000 };

export const DEFAULT_LEADER_LEASE_TTL_MS = 15_000;
const DEFAULT_INBOX_POLL_INTERVAL_MS = 1_000;
/** A person waits for the outcome of a click; after this the answer is "recorded, applied shortly". */
const DEFAULT_RELAY_WAIT_MS = 2_000;

export const REQUESTS_COLLECTION = 'copy-requests';
export const ARCHIVE_COLLECTION = 'copy-requests-archive';
/** Why a submission is refused during stop; the Slack edge asks the requester to try again. */
const STOPPING = 'the copy-request runtime is stopping';

export function createCopyRequestRuntime(deps: CopyRequestRuntimeDeps): CopyRequestRuntime {
  const settings = { ...DEFAULT_RUNTIME_SETTINGS, ...deps.settings };
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger('workflow');
  const { store, replica } = deps;
  const requests = store.collection<CopyRequestRecord>(REQUESTS_COLLECTION);
  const archive = store.archive<CopyRequestRecord>(ARCHIVE_COLLECTION, settings.archiveRetentionMs);
  const policy: WorkflowPolicy = { approvalTtlMs: settings.approvalTtlMs, ...STEP_RETRY };
  const leadership: Leadership = replica
    ? createLeaderLease({
        leases: store.leases,
        replicaId: replica.replicaId,
        ttlMs: replica.leaderLeaseTtlMs ?? DEFAULT_LEADER_LEASE_TTL_MS,
        clock,
        logger: logger.child('leadership'),
      })
    : soleLeadership();

  const hosts = new Map<string, RequestHost>();
  /** Requests found in the store that this process refuses to restore, with the reason. */
  const unrestorable = new Map<string, string>();
  /** Aborted by stop(): nothing new starts, and store calls waiting in their back-off give up. */
  const stopping = new AbortController();
  const stopped = () => stopping.signal.aborted;
  /** Submissions being stored; each takes its request's lock only once its ID is claimed. */
  const submitting = new Set<Promise<unknown>>();
  /** Grows whenever this replica takes or leaves office; work of an earlier term stops there. */
  let term = 0;
  /** Set once this replica, as the leader, has restored every open request. */
  let leading = false;

  const isLeading = () => leading && leadership.holds();
  const withLock = createRequestLocks();
  const retrying = createStoreRetry({ clock, logger, policy: STORE_RETRY, stopping: stopping.signal });
  const claimSubmission = createSubmissionClaims(store, settings.archiveRetentionMs, retrying);

  const foreground = deps.foreground ?? NO_FOREGROUND;
  const background = backgroundGateway(deps.gateway, foreground);
  const notifier = backgroundNotifier(deps.notifier, foreground);
  const poller = createProgressPoller({
    gateway: background,
    clock,
    logger: logger.child('poller'),
    minIntervalMs: settings.pollMinIntervalMs,
    maxIntervalMs: settings.pollMaxIntervalMs,
  });
  // Closed until lead() restored every open request: copies restored into progress count first.
  const slots = createCopySlots({
    maxPerRegion: settings.maxCopiesPerRegion,
    onQueueChange: (requestId) => hosts.get(requestId)?.replan(),
  });
  const dispatcher = createNotificationDispatcher({
    // Only the leader tells people anything: a deposed replica's outbox view may be stale.
    notifier: {
      async deliver(notification, previous) {
        if (!leadership.holds()) throw new RequestNotHostedError(notification.id, 'not the leader');
        return notifier.deliver(notification, previous);
      },
    },
    clock,
    logger: logger.child('notifications'),
    cardUpdateMinIntervalMs: settings.cardUpdateMinIntervalMs,
    retry: DELIVERY_RETRY,
  });

  const untilStopped = () => new Promise<never>(() => {});

  async function flush(requestId: string): Promise<void> {
    // The step may start while its host is still being restored; let that finish first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Stopping: the step must neither reach the cloud nor fail, or stop()'s last write would store
    // the failure. It waits until its actor stops under it; the next process runs it again.
    if (stopped()) return untilStopped();
    const host = hosts.get(requestId);
    // A step of a request this process no longer runs must not reach the cloud.
    if (!host || host.closed) throw new RequestNotHostedError(requestId, 'not running here');
    await host.flush();
    if (stopped()) return untilStopped();
    // The write may have outlived the lease; the cloud call that follows needs a leader.
    if (!leadership.holds()) throw new RequestNotHostedError(requestId, 'this replica no longer leads');
  }

  const machine = copyRequestMachine.provide({
    actors: createCopyRequestSteps({
      gateway: background,
      prices: deps.prices,
      clock,
      poller,
      slots,
      // Entering `copying` is the decision (or automatic approval): the same time after a restart.
      askedAt: (requestId) => hosts.get(requestId)?.view().approval.decidedAt ?? clock.now(),
      cancelledWhileQueued: (requestId) =>
        hosts.get(requestId)?.durable().record.snapshot?.context.cancelRequested
          ? cancelledInQueue()
          : undefined,
      logger: logger.child('steps'),
      flush,
    }),
  });

  const hostDeps: RequestHostDeps = {
    machine,
    requests,
    audit: store.audit,
    clock,
    logger: logger.child('host'),
    storeRetry: STORE_RETRY,
    stopping: stopping.signal,
    observer: deps.observer ?? NO_WORKFLOW_OBSERVER,
    queued: (requestId) => slots.queued(requestId),
    onDurable: (host) => afterWrite(host),
    onLost: (host, why, shouldReload) => {
      if (hosts.get(host.requestId) === host) hosts.delete(host.requestId);
      dispatcher.forget(host.requestId);
      logger.error('request given up by this process', { requestId: host.requestId, why });
      if (!shouldReload) {
        // Nobody runs it here any more; a reloaded request takes its slot again.
        slots.release(host.requestId);
        unrestorable.set(host.requestId, why);
        return;
      }
      void withLock(host.requestId, () => reload(host.requestId)).catch((error: unknown) => {
        logger.error('request not reloaded', { requestId: host.requestId, error });
      });
    },
  };

  /**
   * A leader's first write to a record it takes over carries its lease epoch, so whoever ran the
   * request before (a deposed leader that has not noticed yet) fails its next compare-and-set.
   */
  async function claim(
    stored: Versioned<CopyRequestRecord>,
  ): Promise<Versioned<CopyRequestRecord> | undefined> {
    let current: Versioned<CopyRequestRecord> | undefined = stored;
    for (;;) {
      // Read every round: a replica deposed meanwhile must not fence off the new leader.
      const leaderEpoch = leadership.epoch();
      if (!current || leaderEpoch === undefined || current.value.leaderEpoch === leaderEpoch) return current;
      const expected: Versioned<CopyRequestRecord> = current;
      const requestId: string = expected.value.requestId;
      const claimed: Versioned<CopyRequestRecord> | undefined = await retrying('claim request', async () =>
        // Retries can outlast the term; a deposed replica's late claim would fence off its successor.
        leadership.epoch() === leaderEpoch
          ? requests.update(requestId, expected.version, { ...expected.value, leaderEpoch })
          : undefined,
      );
      current = claimed ?? (await retrying('reload request', () => requests.get(requestId)));
    }
  }

  /** Hosts a stored request; undefined (and flagged) when this process must not restore it. */
  async function adopt(stored: Versioned<CopyRequestRecord>): Promise<RequestHost | undefined> {
    const requestId = stored.value.requestId;
    const problem = restoreProblem(stored.value);
    if (problem) {
      unrestorable.set(requestId, problem);
      logger.error('request not restored: machine mismatch', { requestId, problem });
      return undefined;
    }
    const adoptingTerm = term;
    const claimed = await claim(stored);
    if (!claimed || stopped() || term !== adoptingTerm || !leadership.holds()) return undefined;
    try {
      const host = hostRequest(claimed, hostDeps);
      hosts.set(requestId, host);
      unrestorable.delete(requestId);
      return host;
    } catch (error) {
      unrestorable.set(requestId, error instanceof Error ? error.message : String(error));
      logger.error('request not restored', { requestId, error });
      return undefined;
    }
  }

  /** After another writer won a CAS: continue only from what the store now says. */
  async function reload(requestId: string): Promise<void> {
    // Among replicas only another leader writes records: make sure that is not who we are now.
    if (stopped() || hosts.has(requestId) || !(await leadership.confirm())) return;
    const stored = await retrying('reload request', () => requests.get(requestId));
    if (stored) afterWrite(await adopt(stored));
  }

  function afterWrite(host: RequestHost | undefined): void {
    if (!host || host.closed || stopped()) return;
    dispatcher.deliver(requestOutbox(host));
    const { record, view } = host.durable();
    if (view.batch) batchRuntime.itemChanged(host.view());
    // Also the copies that never reached the poller: CopySnapshot answered after a cancel.
    if (isFinalStatus(view.status)) slots.release(host.requestId);
    // A cancel of a queued request ends its wait; nothing was sent, so nothing is to be deleted.
    else if (record.snapshot?.context.cancelRequested) slots.withdraw(host.requestId, cancelledInQueue());
    if (isFinalStatus(view.status) && isDrained(record.outbox)) {
      void withLock(host.requestId, () => archiveRequest(host)).catch((error: unknown) => {
        logger.error('finished request not archived', { requestId: host.requestId, error });
      });
    }
  }

  /** Not retryable: the machine records a cancel before the copy (`cancelWithoutCopy`). */
  function cancelledInQueue(): Error & StepFailure {
    const hint = 'The request was cancelled while it waited for a copy slot; nothing was copied.';
    return Object.assign(new Error(hint), {
      code: 'CancelledWhileQueued',
      hint,
      retryable: false,
      at: clock.now(),
    });
  }

  /** Finished and told: the record leaves the scanned collection for the archive. */
  async function archiveRequest(host: RequestHost): Promise<void> {
    if (host.closed || hosts.get(host.requestId) !== host) return;
    await host.close();
    const { record } = host.durable();
    await retrying('archive request', async () => {
      await archive.create(record.requestId, record);
      await requests.delete(record.requestId);
    });
    hosts.delete(record.requestId);
    dispatcher.forget(record.requestId);
    await store.audit
      .append({ requestId: record.requestId, at: clock.now(), actor: BOT_ACTOR, action: 'archived' })
      .catch((error: unknown) =>
        logger.error('audit entry not written', { requestId: record.requestId, error }),
      );
  }

  /** The leader creates (or finds) the request and starts its actor. */
  function openHere(
    requestId: string,
    parameters: CopyParameters,
    requester: Requester,
    submissionId: string,
    batch?: BatchMembership,
  ): Promise<AcceptedResult> {
    return withLock(requestId, async () => {
      const live = hosts.get(requestId);
      if (live) {
        await live.flush();
        return { ok: true, request: live.view() };
      }
      const input: CopyRequestInput = {
        requestId,
        parameters,
        requester,
        createdAt: clock.now(),
        policy,
        ...(batch ? { batch } : {}),
      };
      const leaderEpoch = leadership.epoch();
      const record = { ...newRequestRecord(input, submissionId), ...(leaderEpoch ? { leaderEpoch } : {}) };
      let stored = await retrying(
        'create request',
        () => requests.create(requestId, record),
        INTERACTIVE_STORE_ATTEMPTS,
      );
      if (stored) {
        await store.audit
          .append({ requestId, at: input.createdAt, actor: requester.userId, action: 'submitted' })
          .catch((error: unknown) => logger.error('audit entry not written', { requestId, error }));
      } else {
        stored = await requests.get(requestId);
        if (!stored) {
          const archived = await archive.get(requestId);
          if (archived) return { ok: true, request: recordView(archived.value) };
          throw new Error(`request ${requestId} vanished while being submitted`);
        }
      }
      const host = await adopt(stored);
      if (!host) {
        const why = unrestorable.get(requestId) ?? (stopped() ? STOPPING : 'this replica no longer leads');
        throw new Error(`request ${requestId} could not be started: ${why}`);
      }
      await host.flush();
      return { ok: true, request: host.view() };
    });
  }

  async function open(
    parameters: CopyParameters,
    requester: Requester,
    submissionId: string,
  ): Promise<AcceptedResult> {
    if (stopped()) throw new Error(STOPPING);
    const submission = accept(parameters, requester, submissionId);
    submitting.add(submission);
    try {
      return await submission;
    } finally {
      submitting.delete(submission);
    }
  }

  /** Claims the submission, then hands it to the leader or opens it here. */
  async function accept(
    parameters: CopyParameters,
    requester: Requester,
    submissionId: string,
  ): Promise<AcceptedResult> {
    const requestId = await claimSubmission(submissionId, newRequestId);
    const relayed = await leaderRelay.relay({
      kind: 'submit',
      requestId,
      parameters,
      requester,
      submissionId,
    });
    if (relayed.outcome === 'applied') {
      if (relayed.result.ok) return relayed.result;
      throw new Error(`the leader refused request ${requestId}: ${JSON.stringify(relayed.result.refusals)}`);
    }
    if (relayed.outcome === 'recorded') {
      const input = { requestId, parameters, requester, createdAt: clock.now(), policy };
      return { ok: true, request: recordView(newRequestRecord(input, submissionId)), pending: true };
    }
    return openHere(requestId, parameters, requester, submissionId);
  }

  /** The leader applies a relayed command exactly as if the call had reached it. */
  function apply(command: RelayedCommand): Promise<AnyRelayedResult> {
    switch (command.kind) {
      case 'submit':
        return openHere(command.requestId, command.parameters, command.requester, command.submissionId);
      case 'approve':
        return service.approve(command.requestId, command.userId);
      case 'reject':
        return service.reject(command.requestId, command.userId, command.reason);
      case 'cancel':
        return service.cancel(command.requestId, command.userId);
      case 'submitBatch':
        return batchRuntime
          .open(command.batchId, command.parameters, command.requester, command.submissionId)
          .then((batch) => ({ ok: true, batch }));
      case 'approveBatch':
        return batches.approve(command.batchId, command.userId, command.digest);
      case 'rejectBatch':
        return batches.reject(command.batchId, command.userId, command.reason);
      case 'cancelBatch':
        return batches.cancel(command.batchId, command.userId);
    }
  }

  const leaderRelay = replica
    ? createLeaderRelay({
        store,
        clock,
        logger: logger.child('relay'),
        replicaId: replica.replicaId,
        pollIntervalMs: replica.inboxPollIntervalMs ?? DEFAULT_INBOX_POLL_INTERVAL_MS,
        waitMs: replica.relayWaitMs ?? DEFAULT_RELAY_WAIT_MS,
        isLeading,
        retrying,
        apply,
      })
    : soleRelay;

  async function storedViews(collection: typeof requests): Promise<RequestView[]> {
    return (await readRecords(collection)).map(recordView);
  }

  const registry: RequestRegistry = {
    open,
    // Only a serving leader changes requests itself; the lease check may depose it on the spot.
    live: (requestId) => (isLeading() ? hosts.get(requestId) : undefined),
    openViews: async () =>
      isLeading() ? [...hosts.values()].map((host) => host.view()) : storedViews(requests),
    async find(requestId) {
      const live = hosts.get(requestId);
      if (live) return live.view();
      const stored = (await requests.get(requestId)) ?? (await archive.get(requestId));
      return stored ? recordView(stored.value) : undefined;
    },
    archivedViews: () => storedViews(archive),
    relay: (command) => leaderRelay.relay(command),
  };

  const batchRuntime = createBatchRuntime({
    store,
    gateway: background,
    prices: deps.prices,
    clock,
    logger: logger.child('batches'),
    approvalTtlMs: settings.approvalTtlMs,
    archiveRetentionMs: settings.archiveRetentionMs,
    itemRefreshMs: settings.cardUpdateMinIntervalMs,
    claim: claimSubmission,
    dispatcher,
    retrying,
    withLock,
    leadership,
    isLeading,
    stopping: stopping.signal,
    items: {
      async open(requestId, item, submissionId) {
        await openHere(requestId, item.parameters, item.requester, submissionId, item.batch);
      },
      view: (requestId) => registry.find(requestId),
      async cancel(requestIds, by) {
        const running = requestIds.flatMap((requestId) => {
          const host = hosts.get(requestId);
          return host && !host.closed && !isFinalStatus(host.view().status) ? [host] : [];
        });
        const at = clock.now();
        for (const host of running) host.send({ type: 'CANCEL', by, at });
        await Promise.all(running.map((host) => host.flush()));
      },
    },
  });

  const batches = createCopyBatchService({
    batches: batchRuntime,
    approvers: deps.approvers,
    gateway: deps.gateway,
    prices: deps.prices,
    audit: store.audit,
    clock,
    logger: logger.child('batch-service'),
    stopping: () => (stopped() ? STOPPING : undefined),
    relay: (command) => leaderRelay.relay(command),
  });

  const service = createCopyRequestService({
    registry,
    approvers: deps.approvers,
    gateway: deps.gateway,
    audit: store.audit,
    clock,
    logger: logger.child('service'),
  });

  /** Elected: restore every open request (ids first: acting during a SQL scan skips entries), then serve. */
  async function lead(): Promise<void> {
    const electedTerm = ++term;
    const ids = await requests.ids();
    for (const requestId of ids) {
      if (term !== electedTerm) return;
      await withLock(requestId, async () => {
        if (hosts.has(requestId)) return;
        const stored = await requests.get(requestId);
        if (stored) await adopt(stored);
      });
    }
    if (term !== electedTerm) return;
    slots.open();
    leading = true;
    logger.info('copy requests restored', {
      open: hosts.size,
      unrestorable: unrestorable.size,
      ...(replica ? { replicaId: replica.replicaId, epoch: leadership.epoch() } : {}),
    });
    for (const host of [...hosts.values()]) afterWrite(host);
    // After the items' requests: a batch that creates its items finds the ones restored.
    await batchRuntime.lead();
    if (term !== electedTerm) return;
    leaderRelay.startApplying();
  }

  /** Deposed: every actor stops at once, without another write; the new leader takes it from the store. */
  function follow(why: string): void {
    term++;
    leading = false;
    leaderRelay.stopApplying();
    for (const host of hosts.values()) {
      host.abandon(why);
      dispatcher.forget(host.requestId);
    }
    hosts.clear();
    unrestorable.clear();
    slots.close();
    batchRuntime.leave();
  }

  async function census(): Promise<RuntimeCensus> {
    // Open requests only: the archive grows for the whole retention, too much to read per scrape.
    const views = await registry.openViews();
    // Only the leader delivers notifications; a follower's backlog is the leader's to report.
    const outboxes = isLeading()
      ? [...[...hosts.values()].map((host) => host.outbox()), ...batchRuntime.outboxes()]
      : [];
    return takeCensus(views, outboxes, await batchRuntime.openViews());
  }

  return {
    service,
    batches,
    isLeading,
    census,
    async start() {
      if (stopped()) throw new Error('a stopped copy-request runtime cannot start again; create a new one');
      await leadership.start({ elected: lead, deposed: follow });
    },
    async stop() {
      stopping.abort();
      term++;
      leaderRelay.stopApplying();
      // Before the actors stop: a copy ending on the way out must not start a queued one.
      slots.close();
      poller.stop();
      batchRuntime.leave();
      dispatcher.stop();
      await Promise.all([...hosts.values()].map((host) => host.close()));
      hosts.clear();
      // The store closes once this returns: archives, reloads and submissions still running write to it.
      await Promise.allSettled(submitting);
      await withLock.drained();
      await leadership.stop();
    },
  };
}
