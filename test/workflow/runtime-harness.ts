/**
 * Runs the real runtime against the real Alibaba gateway, the local Alibaba stand-in and a real
 * SQLite store file, with a recording Notifier and hand-driven clocks. A "process" is one runtime
 * with its own store connection; `crash()` makes it go silent the way SIGKILL would (no further
 * store writes, cloud calls or deliveries, no timers), without a clean stop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlibabaGateway } from '../../src/cloud/alibaba/index.ts';
import type { CloudGateway } from '../../src/cloud/cloud-gateway.ts';
import type { CopyParameters, Requester } from '../../src/domain/copy-request.ts';
import { loadPriceTable } from '../../src/domain/price-table.ts';
import { REQUEST_ID_TAG_KEY } from '../../src/domain/provenance.ts';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import { createLogger, type Logger } from '../../src/observability/logger.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';
import type { ApproverDirectory } from '../../src/workflow/approver-directory.ts';
import type {
  BatchNotification,
  DeliveryReceipt,
  Notification,
  Notifier,
  RequestNotification,
} from '../../src/workflow/notifier.ts';
import type { CopyRequestRecord } from '../../src/workflow/request-record.ts';
import type { RequestStatus, RequestView } from '../../src/workflow/request-view.ts';
import {
  type CopyRequestRuntime,
  createCopyRequestRuntime,
  REQUESTS_COLLECTION,
  type RuntimeSettings,
} from '../../src/workflow/runtime.ts';
import { createManualClock, type ManualClock, settle } from './manual-clock.ts';

export const REQUESTER = 'U0REQUESTER';
export const APPROVER = 'U0APPROVER';
export const SECOND_APPROVER = 'U0APPROVER2';
export const BYSTANDER = 'U0BYSTANDER';
/** An approver who also asks for copies: may never approve their own. */
export const APPROVING_REQUESTER = 'U0LEAD';

export const requester: Requester = { userId: REQUESTER, channelId: 'C0OPS' };

export const TEST_SETTINGS: RuntimeSettings = {
  approvalTtlMs: 3600_000,
  archiveRetentionMs: 24 * 3600_000,
  pollMinIntervalMs: 5_000,
  pollMaxIntervalMs: 60_000,
  cardUpdateMinIntervalMs: 3_000,
  maxCopiesPerRegion: 20,
};

/** Cross-region standard copy of an unencrypted 40 GiB system disk's snapshot: needs approval. */
export const crossRegionCopy: CopyParameters = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'ap-southeast-1',
  copyType: 'copy',
  name: 'web-dr-copy',
  description: 'web system disk for DR',
  tags: [{ key: 'team', value: 'sre' }],
  retentionDays: 30,
};

/** Same-region Copy and Encrypt under the default service key: approved automatically. */
export const sameRegionCopy: CopyParameters = {
  sourceRegionId: 'cn-hangzhou',
  sourceSnapshotId: 's-bp1web01sys00000002',
  destinationRegionId: 'cn-hangzhou',
  copyType: 'copyAndEncrypt',
  key: { kind: 'defaultServiceKey' },
  name: 'web-encrypted',
  description: 'web system disk, encrypted',
  tags: [],
};

/** A standard copy of an encrypted snapshot: only the cloud's facts reveal the refusal. */
export const encryptedStandardCopy: CopyParameters = {
  ...crossRegionCopy,
  sourceSnapshotId: 's-bp1db01data00000001',
  name: 'db-dr-copy',
};

export interface RecordedDelivery<N extends Notification = Notification> {
  notification: N;
  previous?: DeliveryReceipt;
  receipt: DeliveryReceipt;
}

/** What a failed delivery says of itself (see workflow/notifier.ts). */
interface FailureKind {
  mayHavePosted?: boolean;
  deferred?: boolean;
}

/** Our own Notifier port, recording what it was asked to show: not a Slack mock. */
export function createRecordingNotifier() {
  const deliveries: RecordedDelivery[] = [];
  let failures = 0;
  let failureRetryAfterMs: number | undefined;
  let failureKind: FailureKind = {};
  let sequence = 0;
  const posted = new Map<Notification['id'], DeliveryReceipt>();
  const held = new Map<Notification['slot'], Promise<void>>();
  const notifier: Notifier & {
    deliveries: RecordedDelivery[];
    failNext(count: number, retryAfterMs?: number, kind?: FailureKind): void;
    /** Updates (not posts) of the slot wait until the returned function is called. */
    holdUpdates(slot: Notification['slot']): () => void;
    failuresLeft(): number;
    of(requestId: string, slot?: Notification['slot']): RecordedDelivery<RequestNotification>[];
    ofBatch(batchId: string, slot?: Notification['slot']): RecordedDelivery<BatchNotification>[];
    posts(requestId: string, slot: Notification['slot']): number;
    latest(requestId: string, slot: Notification['slot']): RequestView | undefined;
  } = {
    deliveries,
    async deliver(notification, previous) {
      if (previous) await held.get(notification.slot);
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('chat.update answered 429 ratelimited'), {
          retryAfterMs: failureRetryAfterMs,
          ...failureKind,
        });
      }
      // As the Slack notifier does: a post that may have gone out before adopts that message.
      const adopted = previous ?? (notification.mayHavePosted ? posted.get(notification.id) : undefined);
      const receipt = adopted ?? {
        channelId: (notification.subject === 'request' ? notification.request : notification.batch).requester
          .channelId,
        ts: `${++sequence}.0001`,
      };
      posted.set(notification.id, receipt);
      deliveries.push({ notification: structuredClone(notification), previous: adopted, receipt });
      return receipt;
    },
    failuresLeft: () => failures,
    failNext(count, retryAfterMs, kind = {}) {
      failures = count;
      failureRetryAfterMs = retryAfterMs;
      failureKind = kind;
    },
    holdUpdates(slot) {
      let release = () => {};
      held.set(slot, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(slot);
        release();
      };
    },
    of: (requestId, slot) =>
      deliveries.filter(
        (d): d is RecordedDelivery<RequestNotification> =>
          d.notification.subject === 'request' &&
          d.notification.requestId === requestId &&
          (!slot || d.notification.slot === slot),
      ),
    ofBatch: (batchId, slot) =>
      deliveries.filter(
        (d): d is RecordedDelivery<BatchNotification> =>
          d.notification.subject === 'batch' &&
          d.notification.batchId === batchId &&
          (!slot || d.notification.slot === slot),
      ),
    posts: (requestId, slot) => notifier.of(requestId, slot).filter((d) => d.previous === undefined).length,
    latest: (requestId, slot) => notifier.of(requestId, slot).at(-1)?.notification.request,
  };
  return notifier;
}

const approverIds = new Set([APPROVER, SECOND_APPROVER, APPROVING_REQUESTER]);
export const approvers: ApproverDirectory = { isApprover: async (userId) => approverIds.has(userId) };

interface Liveness {
  dead: boolean;
}

/**
 * 'before'/'after': the process dies around the call; 'fail': the call fails as in an outage;
 * a promise: the call leaves only once it resolves, as on a slow store or network.
 */
type CrashHook = (method: string, args: unknown[]) => 'before' | 'after' | 'fail' | Promise<void> | undefined;

/**
 * Wraps an object so that, once the process is dead, every call and every answer still on its way
 * disappears, as it would for a killed process. `crashOn` can kill it right before a call leaves
 * or right after its answer came back.
 */
function mortal<T extends object>(target: T, life: Liveness, crashOn?: CrashHook): T {
  const never = () => new Promise<never>(() => {});
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') {
        return value && typeof value === 'object' ? mortal(value, life, crashOn) : value;
      }
      const call = (args: unknown[], crash: ReturnType<CrashHook>): unknown => {
        if (crash instanceof Promise) return crash.then(() => (life.dead ? never() : call(args, undefined)));
        if (crash === 'fail') return Promise.reject(new Error(`${String(property)}: service unavailable`));
        if (crash === 'before') life.dead = true;
        if (life.dead) return never();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (result instanceof Promise) {
          return result.then(
            (answer: unknown) => {
              if (crash === 'after') life.dead = true;
              return life.dead ? never() : answer;
            },
            (error: unknown) => {
              if (life.dead) return never();
              throw error;
            },
          );
        }
        return result && typeof result === 'object' ? mortal(result, life, crashOn) : result;
      };
      return (...args: unknown[]) => (life.dead ? never() : call(args, crashOn?.(String(property), args)));
    },
  });
}

export interface BotProcess {
  runtime: CopyRequestRuntime;
  clock: ManualClock;
  store: Store;
  life: Liveness;
  logLines: string[];
  /** Dies without stopping: timers frozen, nothing more reaches the store, cloud or notifier. */
  crash(): void;
}

export interface ProcessOptions {
  settings?: Partial<RuntimeSettings>;
  /** When this process is killed, by cloud call. */
  crashOnCloud?: CrashHook;
  /** When this process is killed, by notification. */
  crashOnNotify?: CrashHook;
  /** When this process is killed, or its store fails or is slow, by store call. */
  crashOnStore?: CrashHook;
  startAt?: number;
}

export interface Harness {
  cloud: AlibabaStandIn;
  gateway: CloudGateway;
  notifier: ReturnType<typeof createRecordingNotifier>;
  /** Reads the store file through its own connection, as an operator would. */
  probe: Store;
  startProcess(options?: ProcessOptions): Promise<BotProcess>;
  /** The one process still alive (the last started). */
  readonly bot: BotProcess;
  record(requestId: string): Promise<CopyRequestRecord | undefined>;
  waitForStatus(requestId: string, status: RequestStatus): Promise<RequestView>;
  /** Copies in a region made for a request, found by their provenance tag. */
  copiesOf(requestId: string, regionId: string): string[];
  close(): Promise<void>;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const quietLogger = (lines: string[]): Logger =>
  createLogger('workflow-test', { level: 'debug', write: (line) => lines.push(line) });

export async function startHarness(options: { worldFile?: object } = {}): Promise<Harness> {
  const directory = mkdtempSync(join(tmpdir(), 'snapcopy-runtime-'));
  let worldFile: string | undefined;
  if (options.worldFile) {
    worldFile = join(directory, 'world.json');
    writeFileSync(worldFile, JSON.stringify(options.worldFile));
  }
  const cloud = await startAlibabaStandIn({ clockSpeed: 0, ...(worldFile ? { worldFile } : {}) });
  const storeUrl = `sqlite:${join(directory, 'snapcopy.sqlite')}`;
  const gatewayLog: string[] = [];
  const gateway = createAlibabaGateway({
    credential: cloud.credentials,
    ecsEndpoint: cloud.endpoint,
    kmsEndpoint: cloud.endpoint,
    protocol: 'http',
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    logger: quietLogger(gatewayLog),
  });
  const notifier = createRecordingNotifier();
  const probe = await createStore(storeUrl, { logger: quietLogger([]) });
  const stores: Store[] = [probe];
  const processes: BotProcess[] = [];

  const harness: Harness = {
    cloud,
    gateway,
    notifier,
    probe,
    get bot() {
      const last = processes.at(-1);
      if (!last) throw new Error('no process started');
      return last;
    },
    async startProcess(processOptions = {}) {
      const life: Liveness = { dead: false };
      const logLines: string[] = [];
      const store = await createStore(storeUrl, { logger: quietLogger(logLines) });
      stores.push(store);
      const clock = createManualClock(processOptions.startAt ?? processes.at(-1)?.clock.now());
      const runtime = createCopyRequestRuntime({
        store: mortal(store, life, processOptions.crashOnStore),
        gateway: mortal(gateway, life, processOptions.crashOnCloud),
        notifier: mortal(notifier, life, processOptions.crashOnNotify),
        approvers,
        prices: loadPriceTable(),
        clock,
        logger: quietLogger(logLines),
        settings: { ...TEST_SETTINGS, ...processOptions.settings },
      });
      const botProcess: BotProcess = {
        runtime,
        clock,
        store,
        life,
        logLines,
        crash() {
          life.dead = true;
          clock.freeze();
        },
      };
      processes.push(botProcess);
      await runtime.start();
      return botProcess;
    },
    async record(requestId) {
      return (await probe.collection<CopyRequestRecord>(REQUESTS_COLLECTION).get(requestId))?.value;
    },
    waitForStatus(requestId, status) {
      return waitFor(`${requestId} to be ${status}`, async () => {
        const view = await harness.bot.runtime.service.get(requestId);
        return view?.status === status ? view : undefined;
      });
    },
    copiesOf(requestId, regionId) {
      return cloud.world
        .snapshotsIn(regionId)
        .filter((snapshot) =>
          snapshot.tags.some((tag) => tag.key === REQUEST_ID_TAG_KEY && tag.value === requestId),
        )
        .map((snapshot) => snapshot.snapshotId);
    },
    async close() {
      for (const running of processes) {
        if (!running.life.dead) await running.runtime.stop();
        running.crash();
      }
      await settle();
      for (const store of stores) await store.close();
      await cloud.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return harness;
}
