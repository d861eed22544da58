/**
 * The durable runtime of the copy-request workflow: one live actor per open request, each written
 * through its own serialized CAS chain; on start every open request is restored where it was
 * (deadlines re-armed, an in-flight CopySnapshot re-sent with the same ClientToken, polling
 * resumed) and pending notifications are delivered; finished requests move to the archive.
 * It is the only part of snapcopy that writes requests to the store.
 */
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import type { CopyParameters, Requester } from '../domain/copy-request.ts';
import type { PriceTable } from '../domain/price-table.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import type { Store, Versioned } from '../store/store.ts';
import type { ApproverDirectory } from './approver-directory.ts';
import { BOT_ACTOR } from './audit-trail.ts';
import { type BackoffPolicy, backoffDelayMs } from './backoff.ts';
import { type Clock, systemClock } from './clock.ts';
import type { CopyRequestInput, WorkflowPolicy } from './copy-request-context.ts';
import { copyRequestMachine } from './copy-request-machine.ts';
import type { CopyRequestService } from './copy-request-service.ts';
import { createCopyRequestSteps } from './copy-request-steps.ts';
import { createNotificationDispatcher } from './notification-dispatcher.ts';
import { isDrained, isFinalStatus } from './notification-outbox.ts';
import type { Notifier } from './notifier.ts';
import { createProgressPoller } from './progress-poller.ts';
import {
  hostRequest,
  type RequestHost,
  type RequestHostDeps,
  RequestNotHostedError,
} from './request-host.ts';
import { newRequestId } from './request-id.ts';
import { type CopyRequestRecord, newRequestRecord, recordView, restoreProblem } from './request-record.ts';
import { createCopyRequestService, type RequestRegistry } from './request-service.ts';
import type { RequestView } from './request-view.ts';

export interface RuntimeSettings {
  approvalTtlMs: number;
  archiveRetentionMs: number;
  pollMinIntervalMs: number;
  pollMaxIntervalMs: number;
  cardUpdateMinIntervalMs: number;
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
}

export interface CopyRequestRuntime {
  service: CopyRequestService;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const HOUR_MS = 3600_000;

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = {
  approvalTtlMs: 24 * HOUR_MS,
  archiveRetentionMs: 90 * 24 * HOUR_MS,
  pollMinIntervalMs: 5_000,
  pollMaxIntervalMs: 60_000,
  cardUpdateMinIntervalMs: 3_000,
};

/** Cloud steps: about 40 minutes of retries before a request fails on a persistent outage. */
const STEP_RETRY = { retryBaseMs: 5_000, retryMaxMs: 300_000, maxAttempts: 12 };
const STORE_RETRY: BackoffPolicy = { baseMs: 200, maxMs: 30_000 };
const DELIVERY_RETRY: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000 };
/** Store calls made for a person waiting on an answer give up after this many attempts. */
const INTERACTIVE_STORE_ATTEMPTS = 4;

export const REQUESTS_COLLECTION = 'copy-requests';
export const ARCHIVE_COLLECTION = 'copy-requests-archive';
const SUBMISSIONS_COLLECTION = 'copy-request-submissions';

export function createCopyRequestRuntime(deps: CopyRequestRuntimeDeps): CopyRequestRuntime {
  const settings = { ...DEFAULT_RUNTIME_SETTINGS, ...deps.settings };
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger('workflow');
  const { store } = deps;
  const requests = store.collection<CopyRequestRecord>(REQUESTS_COLLECTION);
  const archive = store.archive<CopyRequestRecord>(ARCHIVE_COLLECTION, settings.archiveRetentionMs);
  const submissions = store.archive<{ requestId: string }>(
    SUBMISSIONS_COLLECTION,
    settings.archiveRetentionMs,
  );
  const policy: WorkflowPolicy = { approvalTtlMs: settings.approvalTtlMs, ...STEP_RETRY };

  const hosts = new Map<string, RequestHost>();
  /** Requests found in the store that this process refuses to restore, with the reason. */
  const unrestorable = new Map<string, string>();
  const locks = new Map<string, Promise<unknown>>();
  let stopped = false;

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  /** Runs fn after every earlier fn for the same request: opening, reloading and archiving never interleave. */
  function withLock<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
    const previous = locks.get(requestId) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => {});
    locks.set(requestId, settled);
    void settled.then(() => {
      if (locks.get(requestId) === settled) locks.delete(requestId);
    });
    return next;
  }

  async function retrying<T>(
    what: string,
    fn: () => Promise<T>,
    attempts = Number.POSITIVE_INFINITY,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (attempt >= attempts || stopped) throw error;
        const delayMs = backoffDelayMs(attempt, STORE_RETRY);
        logger.warn('store call failed; retrying', { what, attempt, delayMs, error });
        await sleep(delayMs);
      }
    }
  }

  const poller = createProgressPoller({
    gateway: deps.gateway,
    clock,
    logger: logger.child('poller'),
    minIntervalMs: settings.pollMinIntervalMs,
    maxIntervalMs: settings.pollMaxIntervalMs,
  });
  const dispatcher = createNotificationDispatcher({
    notifier: deps.notifier,
    clock,
    logger: logger.child('notifications'),
    cardUpdateMinIntervalMs: settings.cardUpdateMinIntervalMs,
    retry: DELIVERY_RETRY,
  });

  async function flush(requestId: string): Promise<void> {
    // The step may start while its host is still being restored; let that finish first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const host = hosts.get(requestId);
    // A step of a request this process no longer runs must not reach the cloud.
    if (!host || host.closed || stopped) throw new RequestNotHostedError(requestId, 'not running here');
    await host.flush();
  }

  const machine = copyRequestMachine.provide({
    actors: createCopyRequestSteps({
      gateway: deps.gateway,
      prices: deps.prices,
      clock,
      poller,
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
    onDurable: (host) => afterWrite(host),
    onLost: (host, why, shouldReload) => {
      if (hosts.get(host.requestId) === host) hosts.delete(host.requestId);
      dispatcher.forget(host.requestId);
      logger.error('request given up by this process', { requestId: host.requestId, why });
      if (!shouldReload) {
        unrestorable.set(host.requestId, why);
        return;
      }
      void withLock(host.requestId, () => reload(host.requestId)).catch((error: unknown) => {
        logger.error('request not reloaded', { requestId: host.requestId, error });
      });
    },
  };

  /** Hosts a stored request; undefined (and flagged) when this process must not restore it. */
  function adopt(stored: Versioned<CopyRequestRecord>): RequestHost | undefined {
    const requestId = stored.value.requestId;
    const problem = restoreProblem(stored.value);
    if (problem) {
      unrestorable.set(requestId, problem);
      logger.error('request not restored: machine mismatch', { requestId, problem });
      return undefined;
    }
    try {
      const host = hostRequest(stored, hostDeps);
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
    if (stopped || hosts.has(requestId)) return;
    const stored = await retrying('reload request', () => requests.get(requestId));
    if (stored) afterWrite(adopt(stored));
  }

  function afterWrite(host: RequestHost | undefined): void {
    if (!host || host.closed || stopped) return;
    dispatcher.deliver(host);
    const { record, view } = host.durable();
    if (isFinalStatus(view.status) && isDrained(record.outbox)) {
      void withLock(host.requestId, () => archiveRequest(host)).catch((error: unknown) => {
        logger.error('finished request not archived', { requestId: host.requestId, error });
      });
    }
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

  async function open(
    parameters: CopyParameters,
    requester: Requester,
    submissionId: string,
  ): Promise<RequestView> {
    if (stopped) throw new Error('the copy-request runtime is stopped');
    const candidate = newRequestId();
    const claimed = await retrying(
      'claim submission',
      () => submissions.create(submissionId, { requestId: candidate }),
      INTERACTIVE_STORE_ATTEMPTS,
    );
    const requestId = claimed
      ? candidate
      : ((await submissions.get(submissionId))?.value.requestId ?? candidate);
    return withLock(requestId, async () => {
      const live = hosts.get(requestId);
      if (live) {
        await live.flush();
        return live.view();
      }
      const input: CopyRequestInput = { requestId, parameters, requester, createdAt: clock.now(), policy };
      let stored = await retrying(
        'create request',
        () => requests.create(requestId, newRequestRecord(input, submissionId)),
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
          if (archived) return recordView(archived.value);
          throw new Error(`request ${requestId} vanished while being submitted`);
        }
      }
      const host = adopt(stored);
      if (!host) throw new Error(`request ${requestId} could not be started: ${unrestorable.get(requestId)}`);
      await host.flush();
      return host.view();
    });
  }

  const registry: RequestRegistry = {
    open,
    live: (requestId) => hosts.get(requestId),
    liveHosts: () => [...hosts.values()],
    async find(requestId) {
      const live = hosts.get(requestId);
      if (live) return live.view();
      const stored = (await requests.get(requestId)) ?? (await archive.get(requestId));
      return stored ? recordView(stored.value) : undefined;
    },
    async archivedViews() {
      const views: RequestView[] = [];
      for (const id of await archive.ids()) {
        const stored = await archive.get(id);
        if (stored) views.push(recordView(stored.value));
      }
      return views;
    },
  };

  const service = createCopyRequestService({
    registry,
    approvers: deps.approvers,
    gateway: deps.gateway,
    audit: store.audit,
    clock,
    logger: logger.child('service'),
  });

  return {
    service,
    async start() {
      if (stopped) throw new Error('a stopped copy-request runtime cannot start again; create a new one');
      // Ids first, then restore: acting on a record while a SQL store is still scanning skips entries.
      const ids = await requests.ids();
      for (const requestId of ids) {
        if (hosts.has(requestId)) continue;
        const stored = await requests.get(requestId);
        if (stored) adopt(stored);
      }
      logger.info('copy requests restored', { open: hosts.size, unrestorable: unrestorable.size });
      for (const host of [...hosts.values()]) afterWrite(host);
    },
    async stop() {
      stopped = true;
      poller.stop();
      dispatcher.stop();
      await Promise.all([...hosts.values()].map((host) => host.close()));
      hosts.clear();
    },
  };
}
