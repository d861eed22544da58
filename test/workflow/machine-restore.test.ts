/**
 * What a restore does to the machine (reference/xstate-keyv.md §3): invoked steps run again with
 * their persisted input, and the deadline actor re-arms for the time left to the absolute deadline.
 */

import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, type Snapshot } from 'xstate';
import type {
  CopyRequestEvent,
  CopyStarted,
  CopyStepInput,
  TrackedCopy,
} from '../../src/workflow/copy-request-context.ts';
import { copyRequestMachine } from '../../src/workflow/copy-request-machine.ts';
import { createDeadlineTimer } from '../../src/workflow/deadline-timer.ts';
import { statePath } from '../../src/workflow/to-request-view.ts';
import { accepted, approvedByPolicy, needsApproval, requestInput } from './machine-fixtures.ts';
import { createManualClock, type ManualClock, settle } from './manual-clock.ts';

function machineWith(clock: ManualClock, estimate = needsApproval) {
  const copyInputs: CopyStepInput[] = [];
  const machine = copyRequestMachine.provide({
    actors: {
      assessRequest: fromPromise(async () => accepted),
      estimateRequest: fromPromise(async () => ({ ...estimate, at: clock.now() })),
      deadline: createDeadlineTimer(clock),
      copySnapshot: fromPromise<CopyStarted, CopyStepInput>(({ input }) => {
        copyInputs.push(input);
        return new Promise<CopyStarted>(() => {});
      }),
      trackProgress: fromCallback<CopyRequestEvent, TrackedCopy>(() => {}),
    },
  });
  return { machine, copyInputs };
}

/** Through JSON, as the store keeps it. */
const persisted = (snapshot: Snapshot<unknown>) => JSON.parse(JSON.stringify(snapshot)) as Snapshot<unknown>;

describe('restoring the copy-request machine', () => {
  it('re-arms the approval deadline for the time that is left', async () => {
    const clock = createManualClock();
    const { machine } = machineWith(clock);
    const first = createActor(machine, { input: requestInput({ createdAt: clock.now() }) }).start();
    await settle();
    expect(first.getSnapshot().value).toBe('awaitingApproval');
    const deadline = first.getSnapshot().context.approval?.deadline ?? 0;
    await clock.advance(requestInput().policy.approvalTtlMs / 2);
    const saved = persisted(first.getPersistedSnapshot());
    first.stop();

    const restored = createActor(machine, { snapshot: saved, input: requestInput() }).start();
    await clock.advance(deadline - clock.now() - 1);
    expect(restored.getSnapshot().value).toBe('awaitingApproval');
    await clock.advance(1);
    expect(restored.getSnapshot().value).toBe('expired');
  });

  it('runs CopySnapshot again with the persisted call', async () => {
    const clock = createManualClock();
    const { machine, copyInputs } = machineWith(clock, approvedByPolicy);
    const first = createActor(machine, { input: requestInput({ createdAt: clock.now() }) }).start();
    await settle();
    expect(statePath(first.getSnapshot().value)).toBe('copying.calling');
    const saved = persisted(first.getPersistedSnapshot());
    first.stop();

    const restored = createActor(machine, { snapshot: saved, input: requestInput() }).start();
    expect(statePath(restored.getSnapshot().value)).toBe('copying.calling');
    expect(restored.getSnapshot().status).toBe('active');
    expect(copyInputs).toHaveLength(2);
    expect(copyInputs[1]).toEqual(copyInputs[0]);
  });

  it('ends in status error for a snapshot whose state the machine no longer has', () => {
    const clock = createManualClock();
    const { machine } = machineWith(clock);
    const first = createActor(machine, { input: requestInput() });
    const saved = {
      ...persisted(first.getPersistedSnapshot()),
      value: 'reviewing',
    } as unknown as Snapshot<unknown>;
    const restored = createActor(machine, { snapshot: saved, input: requestInput() });
    restored.subscribe({ error: () => {} });
    restored.start();
    expect(restored.getSnapshot().status).toBe('error');
  });
});
