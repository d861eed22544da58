/**
 * Several bot replicas in one test process: each one a real runtime with its own connection to
 * one shared store (a SQLite file, Redis or PostgreSQL), all against the real Alibaba gateway and
 * the local stand-in, on one hand-driven clock. The stand-in, gateway and recording notifier come
 * from the workflow's own runtime harness. `kill()` silences a replica the way SIGKILL would: its
 * timers never fire again, its store connection is gone, the lease is not handed back.
 */

import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import { loadPriceTable } from '../../src/domain/price-table.ts';
import type { CallRecord } from '../../src/local/alibaba/index.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';
import type { Clock } from '../../src/workflow/clock.ts';
import type { Notifier } from '../../src/workflow/notifier.ts';
import { type CopyRequestRecord, recordView } from '../../src/workflow/request-record.ts';
import type { RequestStatus, RequestView } from '../../src/workflow/request-view.ts';
import {
  ARCHIVE_COLLECTION,
  type CopyRequestRuntime,
  createCopyRequestRuntime,
  DEFAULT_LEADER_LEASE_TTL_MS,
  REQUESTS_COLLECTION,
} from '../../src/workflow/runtime.ts';
import type { StoreBackendCase } from '../store/support/store-backends.ts';
import { createManualClock, type ManualClock } from '../workflow/manual-clock.ts';
import {
  approvers,
  crossRegionCopy,
  type Harness,
  requester,
  startHarness,
  TEST_SETTINGS,
} from '../workflow/runtime-harness.ts';

export const LEASE_TTL_MS = DEFAULT_LEADER_LEASE_TTL_MS;

export interface ReplicaOptions {
  /** How far this replica's clock is off the shared one (negative: it runs behind). */
  clockOffsetMs?: number;
  /** The replica dies the moment CopySnapshot's answer is back, before it can write it down. */
  dieAfterCopyCall?: boolean;
  /** How long a relayed call waits for the leader (simulated time). */
  relayWaitMs?: number;
}

export interface Replica {
  id: string;
  runtime: CopyRequestRuntime;
  logLines: string[];
  readonly dead: boolean;
  /** SIGKILL: no clean stop, no lease release. */
  kill(): Promise<void>;
  /**
   * Cuts this replica off the store, or connects it again; the others keep it. `refused`: every
   * call fails at once (connection refused); `blackHole`: calls never answer (packets dropped).
   */
  partition(cut: StoreLink): void;
}

export interface Cluster {
  harness: Harness;
  clock: ManualClock;
  /** Reads the shared store through its own connection, as an operator would. */
  probe: Store;
  start(options?: ReplicaOptions): Promise<Replica>;
  /** Moves the shared clock in small steps, letting each step's store round trips finish. */
  advance(ms: number): Promise<void>;
  /** Moves the clock until the call settles (a relayed call waits in simulated time). */
  during<T>(call: Promise<T>): Promise<T>;
  advanceUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void>;
  /** Submits the cross-region copy on `replica`; returns once it waits for approval. */
  submit(replica: Replica, submissionId?: string): Promise<string>;
  untilStatus(requestId: string, status: RequestStatus): Promise<void>;
  /** Lets the stand-in finish the running copy and the leader notice. */
  finishCopy(requestId: string): Promise<void>;
  copySnapshotCalls(): CallRecord[];
  /** The request as stored: open, or archived once finished. */
  view(requestId: string): Promise<RequestView | undefined>;
  record(requestId: string): Promise<CopyRequestRecord | undefined>;
  close(): Promise<void>;
}

const STEP_MS = 100;
/** No scenario needs more simulated time than this; beyond it the test is stuck. */
const MAX_SIMULATED_MS = 10 * 60_000;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 2));
const never = () => new Promise<never>(() => {});

export type StoreLink = 'connected' | 'refused' | 'blackHole';

/** The store as one replica sees it, through a link the test can cut. */
function partitionable<T extends object>(target: T, link: { state: StoreLink }): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') {
        // The lease manager and the audit log are properties of the store.
        return value && typeof value === 'object' ? partitionable(value, link) : value;
      }
      return (...args: unknown[]) => {
        if (link.state === 'refused') return Promise.reject(new Error('store unreachable from this replica'));
        if (link.state === 'blackHole') return never();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        // Collections are handed out by a call.
        return result && typeof result === 'object' && !(result instanceof Promise)
          ? partitionable(result, link)
          : result;
      };
    },
  });
}

/** Timers of a dead replica never fire; its clock may run off the shared one by a fixed offset. */
function replicaClock(shared: ManualClock, offsetMs: number, life: { dead: boolean }): Clock {
  return {
    now: () => shared.now() + offsetMs,
    setTimeout: (callback, delayMs) =>
      shared.setTimeout(() => {
        if (!life.dead) callback();
      }, delayMs),
  };
}

export async function startCluster(backend: StoreBackendCase): Promise<Cluster> {
  const harness = await startHarness();
  const clock = createManualClock();
  const url = backend.newUrl();
  const namespace = `r${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const open = (logLines: string[], storeClock: () => number) =>
    createStore(url, {
      namespace,
      clock: storeClock,
      logger: createLogger('replica-test', { level: 'debug', write: (line) => logLines.push(line) }),
    });
  const probe = await open([], () => clock.now());
  const replicas: Replica[] = [];

  async function advance(ms: number): Promise<void> {
    const until = clock.now() + ms;
    while (clock.now() < until) {
      await clock.advance(Math.min(STEP_MS, until - clock.now()));
      await nextTurn();
    }
  }

  async function advanceUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
    const deadline = clock.now() + MAX_SIMULATED_MS;
    while (!(await done())) {
      if (clock.now() >= deadline) throw new Error(`${what}: not reached in ${MAX_SIMULATED_MS} ms`);
      await advance(STEP_MS);
    }
  }

  const cluster: Cluster = {
    harness,
    clock,
    probe,
    async start(options = {}) {
      const life = { dead: false };
      const link = { state: 'connected' as StoreLink };
      const logLines: string[] = [];
      const id = `replica-${replicas.length + 1}`;
      const view = replicaClock(clock, options.clockOffsetMs ?? 0, life);
      const store = await open(logLines, () => view.now());
      const notifier: Notifier = {
        deliver: (notification, previous) =>
          life.dead ? never() : harness.notifier.deliver(notification, previous),
      };
      const gateway: CloudGateway = {
        ...harness.gateway,
        async copySnapshot(call) {
          const answer = await harness.gateway.copySnapshot(call);
          if (!options.dieAfterCopyCall) return answer;
          await replica.kill();
          return never();
        },
      };
      const runtime = createCopyRequestRuntime({
        store: partitionable(store, link),
        gateway,
        notifier,
        approvers,
        prices: loadPriceTable(),
        clock: view,
        logger: createLogger('replica-test', { level: 'debug', write: (line) => logLines.push(line) }),
        settings: TEST_SETTINGS,
        replica: {
          replicaId: id,
          leaderLeaseTtlMs: LEASE_TTL_MS,
          ...(options.relayWaitMs ? { relayWaitMs: options.relayWaitMs } : {}),
        },
      });
      const replica: Replica = {
        id,
        runtime,
        logLines,
        get dead() {
          return life.dead;
        },
        async kill() {
          if (life.dead) return;
          life.dead = true;
          await store.close();
        },
        partition(state) {
          link.state = state;
        },
      };
      replicas.push(replica);
      await runtime.start();
      return replica;
    },
    advance,
    async during(call) {
      let settled = false;
      const note = () => {
        settled = true;
      };
      call.then(note, note);
      await advanceUntil('the call to be answered', () => settled);
      return call;
    },
    advanceUntil,
    async submit(replica, submissionId = 'view-1') {
      const result = await cluster.during(
        replica.runtime.service.submit(crossRegionCopy, requester, submissionId),
      );
      if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusals)}`);
      await cluster.untilStatus(result.request.requestId, 'awaitingApproval');
      return result.request.requestId;
    },
    untilStatus: (requestId, status) =>
      advanceUntil(
        `${requestId} to be ${status}`,
        async () => (await cluster.view(requestId))?.status === status,
      ),
    async finishCopy(requestId) {
      await cluster.untilStatus(requestId, 'inProgress');
      harness.cloud.clock.advance(30 * 60_000);
      await cluster.untilStatus(requestId, 'done');
    },
    copySnapshotCalls: () => harness.cloud.calls.callsTo('CopySnapshot'),
    async view(requestId) {
      const stored =
        (await probe.collection<CopyRequestRecord>(REQUESTS_COLLECTION).get(requestId)) ??
        (await probe.archive<CopyRequestRecord>(ARCHIVE_COLLECTION, 1000).get(requestId));
      return stored && recordView(stored.value);
    },
    async record(requestId) {
      return (await probe.collection<CopyRequestRecord>(REQUESTS_COLLECTION).get(requestId))?.value;
    },
    async close() {
      for (const replica of replicas) {
        if (replica.dead) continue;
        await replica.runtime.stop();
        await replica.kill();
      }
      await probe.close();
      await backend.removeAll(url, namespace);
      await harness.close();
    },
  };
  return cluster;
}
