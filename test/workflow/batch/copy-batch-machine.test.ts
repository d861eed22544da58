import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { BatchParameters } from '../../../src/domain/copy-batch.ts';
import type { CostEstimate } from '../../../src/domain/cost-estimate.ts';
import type {
  CopyBatchEvent,
  FixedSelection,
  ItemState,
  PlannedItem,
} from '../../../src/workflow/batch/copy-batch-context.ts';
import { copyBatchMachine } from '../../../src/workflow/batch/copy-batch-machine.ts';
import { toBatchView } from '../../../src/workflow/batch/to-batch-view.ts';

const REQUESTER = 'U-requester';
const APPROVER = 'U-approver';
const TTL_MS = 60_000;

const parameters: BatchParameters = {
  sourceRegionId: 'cn-hangzhou',
  selector: { kind: 'instance', instanceId: 'i-bp1erp0100000000001' },
  destinationRegionId: 'cn-shanghai',
  copyType: 'copy',
  name: 'erp-dr',
  description: 'ERP DR drill',
  tags: [],
};

function planned(index: number, sizeGiB: number): PlannedItem {
  return {
    index,
    diskId: `d-${index}`,
    sourceSnapshotId: `s-${index}`,
    sizeGiB,
    estimate: { billedSizeGiB: sizeGiB } as CostEstimate,
  };
}

function selection(items: PlannedItem[], required = true): FixedSelection {
  return {
    items,
    refused: [{ diskId: 'd-scratch', code: 'sourceSnapshotId.none', message: 'no snapshot' }],
    disksFound: items.length + 1,
    approval: { required, reasons: required ? ['crossRegion'] : [] },
    digest: 'digest-1',
  };
}

function run(...events: CopyBatchEvent[]) {
  let [snapshot] = initialTransition(copyBatchMachine, {
    batchId: 'sb-test000001',
    parameters,
    requester: { userId: REQUESTER, channelId: 'C1' },
    createdAt: 1_000,
    approvalTtlMs: TTL_MS,
  });
  for (const event of events) [snapshot] = transition(copyBatchMachine, snapshot, event);
  // What the store keeps, read back as the runtime does after a restart.
  const stored = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }));
  return toBatchView(copyBatchMachine.resolveState(stored));
}

const item = (status: ItemState['status'], progress = 0): ItemState => ({ status, progress });
const selected = (items = [planned(0, 40), planned(1, 60)], required = true): CopyBatchEvent => ({
  type: 'SELECTED',
  selection: selection(items, required),
  at: 2_000,
});
const approve = (by = APPROVER, digest = 'digest-1'): CopyBatchEvent => ({
  type: 'APPROVE',
  by,
  digest,
  at: 3_000,
});
const itemsChanged = (...items: ItemState[]): CopyBatchEvent => ({ type: 'ITEMS_CHANGED', items, at: 4_000 });

describe('copyBatchMachine', () => {
  it('waits for one decision on a selection that needs approval, with a deadline from the selection', () => {
    const view = run(selected());
    expect(view.status).toBe('awaitingApproval');
    expect(view.approval).toMatchObject({
      required: true,
      reasons: ['crossRegion'],
      deadline: 2_000 + TTL_MS,
    });
    expect(view.counts).toMatchObject({ total: 2, pending: 2 });
    expect(view.totalGiB).toBe(100);
    expect(view.refused).toHaveLength(1);
  });

  it('runs at once when policy approves the batch', () => {
    const view = run(selected(undefined, false));
    expect(view.status).toBe('running');
    expect(view.approval).toMatchObject({ automatic: true, decidedAt: 2_000 });
  });

  it('fails a selection with nothing to copy, and a selection the cloud refused', () => {
    expect(run(selected([])).failure?.code).toBe('BatchNothingToCopy');
    const failed = run({ type: 'SELECTION_FAILED', code: 'selector.noDisks', hint: 'none found', at: 2_000 });
    expect(failed.status).toBe('failed');
    expect(failed.failure).toEqual({ code: 'selector.noDisks', hint: 'none found' });
  });

  it('takes an approval only on the list the approver was shown, and never from the requester', () => {
    expect(run(selected(), approve(APPROVER, 'digest-other')).status).toBe('awaitingApproval');
    expect(run(selected(), approve(REQUESTER)).status).toBe('awaitingApproval');
    const approved = run(selected(), approve());
    expect(approved.status).toBe('running');
    expect(approved.approval).toMatchObject({ decidedBy: APPROVER, decidedAt: 3_000 });
    expect(approved.approval.deadline).toBeUndefined();
  });

  it('needs a reason to reject, and expires only once the deadline has passed', () => {
    expect(run(selected(), { type: 'REJECT', by: APPROVER, reason: '  ', at: 3_000 }).status).toBe(
      'awaitingApproval',
    );
    const rejected = run(selected(), { type: 'REJECT', by: APPROVER, reason: ' not now ', at: 3_000 });
    expect(rejected.status).toBe('rejected');
    expect(rejected.approval.rejectReason).toBe('not now');
    expect(run(selected(), { type: 'DEADLINE', at: 2_000 + TTL_MS - 1 }).status).toBe('awaitingApproval');
    expect(run(selected(), { type: 'DEADLINE', at: 2_000 + TTL_MS }).status).toBe('expired');
  });

  it('ends done, partially done or failed by how many items were copied', () => {
    expect(run(selected(), approve(), itemsChanged(item('done', 100), item('inProgress', 50))).status).toBe(
      'running',
    );
    expect(run(selected(), approve(), itemsChanged(item('done', 100), item('done', 100))).status).toBe(
      'done',
    );
    const partly = run(selected(), approve(), itemsChanged(item('done', 100), item('failed')));
    expect(partly.status).toBe('partiallyDone');
    expect(partly.counts).toMatchObject({ done: 1, failed: 1 });
    expect(run(selected(), approve(), itemsChanged(item('failed'), item('cancelled'))).status).toBe('failed');
  });

  it('counts a copy waiting for its region slot as queued, and keeps the longest time left', () => {
    const view = run(
      selected([planned(0, 10), planned(1, 10), planned(2, 10)]),
      approve(),
      itemsChanged(
        { status: 'copying', progress: 0, queued: true },
        { status: 'inProgress', progress: 40, remainTimeSeconds: 300 },
        { status: 'inProgress', progress: 80, remainTimeSeconds: 60 },
      ),
    );
    expect(view.counts).toMatchObject({ queued: 1, copying: 2 });
    expect(view.remainTimeSeconds).toBe(300);
  });

  it('is cancelled once every item has ended after a cancel, keeping the finished ones', () => {
    const cancel: CopyBatchEvent = { type: 'CANCEL', by: REQUESTER, at: 5_000 };
    const cancelling = run(
      selected(),
      approve(),
      itemsChanged(item('done', 100), item('inProgress', 30)),
      cancel,
    );
    expect(cancelling.status).toBe('cancelling');
    const cancelled = run(
      selected(),
      approve(),
      cancel,
      itemsChanged(item('done', 100), { status: 'cancelled', progress: 30 }),
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts).toMatchObject({ done: 1, cancelled: 1 });
    expect(cancelled.cancellation).toEqual({ by: REQUESTER, at: 5_000 });
  });
});
