import { describe, expect, it } from 'vitest';
import { type AnyEventObject, createActor, fromCallback, fromPromise } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { CopyParameters } from '../../src/domain/copy-request.ts';
import type { RequestFacts } from '../../src/domain/request-facts.ts';
import type {
  Assessment,
  CopyCancelled,
  CopyRequestContext,
  CopyRequestEvent,
  CopyStarted,
  CopyStepInput,
  EstimateOutcome,
  TrackedCopy,
} from '../../src/workflow/copy-request-context.ts';
import { copyRequestMachine } from '../../src/workflow/copy-request-machine.ts';
import { statePath, toRequestView } from '../../src/workflow/to-request-view.ts';
import {
  APPROVER,
  accepted,
  approvedByPolicy,
  forbidden,
  needsApproval,
  REQUESTER,
  refused,
  requestInput,
  T0,
  throttled,
} from './machine-fixtures.ts';
import { settle } from './manual-clock.ts';

const copyStarted = { snapshotId: 's-copy0000000001', cloudRequestId: 'REQ-COPY', at: T0 + 4000 };

/** Every event the machine can meet, including the synthetic ones its invoked steps produce. */
const graphEvents: AnyEventObject[] = [
  { type: 'xstate.done.actor.assess', output: accepted },
  { type: 'xstate.done.actor.assess', output: refused },
  { type: 'xstate.error.actor.assess', error: throttled },
  { type: 'xstate.error.actor.assess', error: forbidden },
  { type: 'xstate.done.actor.estimate', output: needsApproval },
  { type: 'xstate.done.actor.estimate', output: approvedByPolicy },
  { type: 'xstate.error.actor.estimate', error: new Error('bug') },
  { type: 'APPROVE', by: APPROVER, at: T0 + 5000 },
  { type: 'APPROVE', by: REQUESTER, at: T0 + 5000 },
  { type: 'REJECT', by: APPROVER, reason: 'too expensive', at: T0 + 5000 },
  { type: 'REJECT', by: APPROVER, reason: '  ', at: T0 + 5000 },
  { type: 'CANCEL', by: REQUESTER, at: T0 + 6000 },
  { type: 'DEADLINE', at: T0 + 7000 },
  { type: 'xstate.done.actor.copy', output: copyStarted },
  { type: 'xstate.error.actor.copy', error: throttled },
  { type: 'xstate.error.actor.copy', error: forbidden },
  { type: 'PROGRESS', progress: 40, remainTime: 60, at: T0 + 8000 },
  { type: 'COPY_SUCCEEDED', at: T0 + 9000 },
  { type: 'COPY_FAILED', code: 'CopyFailed', hint: 'The copy failed.', at: T0 + 9000 },
  { type: 'xstate.done.actor.cancelCopy', output: { outcome: 'partialCopyDeleted', at: T0 + 9500 } },
  { type: 'xstate.done.actor.cancelCopy', output: { outcome: 'copyAlreadyFinished', at: T0 + 9500 } },
  { type: 'xstate.error.actor.cancelCopy', error: throttled },
  { type: 'xstate.error.actor.cancelCopy', error: forbidden },
];

type GraphSnapshot = { value: Parameters<typeof statePath>[0]; context: CopyRequestContext };

/** A state is its path plus whether a cancel is waiting: that flag changes what comes next. */
const serializeState = (snapshot: GraphSnapshot) =>
  `${statePath(snapshot.value)}${snapshot.context.cancelRequested ? '+cancel' : ''}`;

const traversal = {
  input: requestInput(),
  // The synthetic done/error events are not part of the machine's declared event union.
  events: graphEvents as CopyRequestEvent[],
  serializeState: serializeState as never,
};

/**
 * Builds the real machine with step implementations the test completes by hand, counting how
 * often each side-effecting step starts.
 */
function scriptedActor() {
  const started = { assess: 0, estimate: 0, copy: 0, cancelCopy: 0, deadline: 0, tracking: 0 };
  const copyInputs: CopyStepInput[] = [];
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let deadlineSender: ((event: CopyRequestEvent) => void) | undefined;
  let progressSender: ((event: CopyRequestEvent) => void) | undefined;
  const step = <T, I>(id: keyof typeof started) =>
    fromPromise<T, I>(({ input }) => {
      started[id]++;
      if (id === 'copy') copyInputs.push(input as CopyStepInput);
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      });
    });
  const machine = copyRequestMachine.provide({
    actors: {
      assessRequest: step<Assessment, { requestId: string; parameters: CopyParameters }>('assess'),
      estimateRequest: step<EstimateOutcome, { parameters: CopyParameters; facts: RequestFacts }>('estimate'),
      copySnapshot: step<CopyStarted, CopyStepInput>('copy'),
      cancelCopy: step<CopyCancelled, TrackedCopy>('cancelCopy'),
      deadline: fromCallback(({ sendBack }) => {
        started.deadline++;
        deadlineSender = sendBack;
        return () => {
          deadlineSender = undefined;
        };
      }),
      trackProgress: fromCallback<CopyRequestEvent, TrackedCopy>(({ sendBack }) => {
        started.tracking++;
        progressSender = sendBack;
        return () => {
          progressSender = undefined;
        };
      }),
    },
  });
  const actor = createActor(machine, { input: requestInput() });
  actor.start();

  async function replay(event: AnyEventObject): Promise<void> {
    const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
    if (done) {
      const [, kind, id] = done;
      const waiting = pending.get(id!);
      if (!waiting) throw new Error(`${id} is not running, cannot replay ${event.type}`);
      pending.delete(id!);
      if (kind === 'done') waiting.resolve(event.output);
      else waiting.reject(event.error);
    } else if (event.type === 'DEADLINE') {
      if (!deadlineSender) throw new Error('no deadline armed');
      deadlineSender(event as CopyRequestEvent);
    } else if (['PROGRESS', 'COPY_SUCCEEDED', 'COPY_FAILED'].includes(event.type)) {
      if (!progressSender) throw new Error('the copy is not tracked');
      progressSender(event as CopyRequestEvent);
    } else {
      actor.send(event as CopyRequestEvent);
    }
    await settle(2);
  }
  return { actor, started, copyInputs, replay };
}

type Path = ReturnType<typeof getSimplePaths<typeof copyRequestMachine>>[number];

/** Entries into a state along a path: each one starts its invoked step once. */
function entriesInto(path: Path, state: string): number {
  let previous = 'validating.assessing';
  let count = state === previous ? 1 : 0;
  for (const { state: snapshot } of path.steps) {
    const current = statePath(snapshot.value);
    if (current === state && current !== previous) count++;
    previous = current;
  }
  return count;
}

async function replayPath(path: Path) {
  const harness = scriptedActor();
  for (const { event } of path.steps) {
    if ((event as AnyEventObject).type === 'xstate.init') continue;
    await harness.replay(event);
  }
  const snapshot = harness.actor.getSnapshot();
  expect(statePath(snapshot.value)).toBe(statePath(path.state.value));
  expect(harness.started.copy).toBe(entriesInto(path, 'copying.calling'));
  expect(harness.started.cancelCopy).toBe(entriesInto(path, 'cancelling.deleting'));
  expect(harness.started.assess).toBe(entriesInto(path, 'validating.assessing'));
  expect(harness.started.tracking).toBe(entriesInto(path, 'inProgress'));
  // Whatever the path, CopySnapshot always gets the same call.
  const tokens = new Set(harness.copyInputs.map((input) => JSON.stringify(input.call)));
  expect(tokens.size).toBeLessThanOrEqual(1);
  harness.actor.stop();
  return snapshot;
}

function describePath(path: Path): string {
  return path.steps
    .map(({ event }) =>
      event.type.replace('xstate.done.actor.', 'done:').replace('xstate.error.actor.', 'error:'),
    )
    .join(' → ');
}

const shortestPaths = getShortestPaths(copyRequestMachine, traversal);
const simplePaths = getSimplePaths(copyRequestMachine, traversal);

describe('copy request machine paths', () => {
  it('reaches every state, all five outcomes included', () => {
    const reached = new Set(shortestPaths.map((path) => statePath(path.state.value)));
    for (const state of [
      'validating.waitingToRetry',
      'estimating',
      'awaitingApproval',
      'copying.calling',
      'copying.waitingToRetry',
      'inProgress',
      'cancelling.deleting',
      'cancelling.waitingToRetry',
      'done',
      'rejected',
      'expired',
      'cancelled',
      'failed',
    ]) {
      expect(reached).toContain(state);
    }
  });

  it.each(shortestPaths.map((path) => [describePath(path), path] as const))(
    'shortest: %s',
    async (_, path) => {
      await replayPath(path);
    },
  );

  it.each(simplePaths.map((path) => [describePath(path), path] as const))('simple: %s', async (_, path) => {
    const snapshot = await replayPath(path);
    const view = toRequestView(snapshot);
    const events: string[] = path.steps.map(({ event }) => event.type);
    const firstCopy = path.steps.find(({ state }) => statePath(state.value) === 'copying.calling');
    if (view.approval.required && firstCopy) {
      // No copy without a decision from someone other than the requester.
      expect(firstCopy.event).toMatchObject({ type: 'APPROVE', by: APPROVER });
      expect(view.approval.decidedBy).toBe(APPROVER);
    }
    switch (view.status) {
      case 'rejected':
        expect(view.approval.rejectReason).toBe('too expensive');
        break;
      case 'failed':
        expect(view.failure ?? view.refusals).toBeDefined();
        if (view.refusals) expect(view.copy).toBeUndefined();
        break;
      case 'cancelled': {
        const outcome = view.cancellation?.outcome;
        expect(outcome).toBe(
          events.includes('xstate.done.actor.cancelCopy') ? 'partialCopyDeleted' : 'beforeCopy',
        );
        expect(view.cancellation?.by).toBe(REQUESTER);
        break;
      }
      case 'done':
        expect(view.copy?.progress).toBe(100);
        if (events.includes('xstate.done.actor.cancelCopy')) {
          expect(view.cancellation?.outcome).toBe('copyAlreadyFinished');
        }
        break;
      default:
        break;
    }
  });
});

describe('copy request machine decisions', () => {
  async function toApproval() {
    const harness = scriptedActor();
    await harness.replay({ type: 'xstate.done.actor.assess', output: accepted });
    await harness.replay({ type: 'xstate.done.actor.estimate', output: needsApproval });
    return harness;
  }

  it('sets the approval deadline from the estimate time and the policy TTL', async () => {
    const { actor } = await toApproval();
    const { context } = actor.getSnapshot();
    expect(context.approval?.deadline).toBe(needsApproval.at + requestInput().policy.approvalTtlMs);
  });

  it('ignores the requester approving their own request', async () => {
    const { actor, started } = await toApproval();
    actor.send({ type: 'APPROVE', by: REQUESTER, at: T0 + 5000 });
    expect(statePath(actor.getSnapshot().value)).toBe('awaitingApproval');
    expect(started.copy).toBe(0);
  });

  it('keeps the first decision: a reject after an approval changes nothing', async () => {
    const { actor } = await toApproval();
    actor.send({ type: 'APPROVE', by: APPROVER, at: T0 + 5000 });
    actor.send({ type: 'REJECT', by: 'U0OTHER', reason: 'no', at: T0 + 5001 });
    const view = toRequestView(actor.getSnapshot());
    expect(view.status).toBe('copying');
    expect(view.approval).toMatchObject({ decidedBy: APPROVER, decidedAt: T0 + 5000 });
    expect(view.approval.rejectReason).toBeUndefined();
  });

  it('records an automatic approval for a copy that needs none', async () => {
    const harness = scriptedActor();
    await harness.replay({ type: 'xstate.done.actor.assess', output: accepted });
    await harness.replay({ type: 'xstate.done.actor.estimate', output: approvedByPolicy });
    const view = toRequestView(harness.actor.getSnapshot());
    expect(view.status).toBe('copying');
    expect(view.approval).toMatchObject({ required: false, automatic: true, decidedAt: approvedByPolicy.at });
    expect(harness.started.copy).toBe(1);
  });

  it('fixes every CopySnapshot parameter with a ClientToken derived from the request ID', async () => {
    const harness = await toApproval();
    await harness.replay({ type: 'APPROVE', by: APPROVER, at: T0 + 5000 });
    await harness.replay({ type: 'xstate.error.actor.copy', error: throttled });
    await harness.replay({ type: 'DEADLINE', at: T0 + 9000 });
    expect(harness.copyInputs).toHaveLength(2);
    expect(harness.copyInputs[1]).toEqual(harness.copyInputs[0]);
    expect(harness.copyInputs[0]?.call).toMatchObject({
      clientToken: 'snapcopy-sc-abcdefghij',
      sourceSnapshotId: 's-bp1source000001',
      destinationRegionId: 'ap-southeast-1',
      encrypted: false,
      retentionDays: 30,
    });
    expect(harness.copyInputs[0]?.call.tags).toContainEqual({
      key: 'snapcopy:request-id',
      value: 'sc-abcdefghij',
    });
  });

  it('schedules retries at growing absolute times and fails after the last attempt', async () => {
    const harness = scriptedActor();
    await harness.replay({ type: 'xstate.error.actor.assess', error: throttled });
    expect(harness.actor.getSnapshot().context.retry).toEqual({
      attempt: 1,
      at: throttled.at + 1000,
      code: 'Throttling.User',
    });
    await harness.replay({ type: 'DEADLINE', at: T0 });
    await harness.replay({ type: 'xstate.error.actor.assess', error: throttled });
    expect(harness.actor.getSnapshot().context.retry?.at).toBe(throttled.at + 2000);
    await harness.replay({ type: 'DEADLINE', at: T0 });
    await harness.replay({ type: 'xstate.error.actor.assess', error: throttled });
    const view = toRequestView(harness.actor.getSnapshot());
    expect(view.status).toBe('failed');
    expect(view.failure).toEqual({ code: 'Throttling.User', hint: throttled.hint });
  });

  it('applies a cancel that arrived during CopySnapshot once the new snapshot ID is known', async () => {
    const harness = await toApproval();
    await harness.replay({ type: 'APPROVE', by: APPROVER, at: T0 + 5000 });
    await harness.replay({ type: 'CANCEL', by: APPROVER, at: T0 + 5500 });
    expect(statePath(harness.actor.getSnapshot().value)).toBe('copying.calling');
    await harness.replay({ type: 'xstate.done.actor.copy', output: copyStarted });
    expect(statePath(harness.actor.getSnapshot().value)).toBe('cancelling.deleting');
    await harness.replay({
      type: 'xstate.done.actor.cancelCopy',
      output: { outcome: 'partialCopyDeleted', cloudRequestId: 'REQ-DEL', at: T0 + 6000 },
    });
    const view = toRequestView(harness.actor.getSnapshot());
    expect(view.status).toBe('cancelled');
    expect(view.cancellation).toEqual({ by: APPROVER, at: T0 + 6000, outcome: 'partialCopyDeleted' });
    expect(harness.started.tracking).toBe(0);
  });
});
