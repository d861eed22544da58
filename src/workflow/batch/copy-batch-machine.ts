/**
 * One batch's lifecycle: selected → awaiting its one decision → running its items → ended with
 * counts. The machine only decides and has no invoked actors or timers: the batch runtime feeds
 * it events with `transition()` and writes each next snapshot with compare-and-set, so a batch is
 * exactly its stored snapshot and a restart continues from it without replaying anything. The
 * items are ordinary copy requests (their own actors) that carry the batch's decision; their
 * progress reaches the machine as ITEMS_CHANGED.
 */
import { and, assign, setup } from 'xstate';
import type {
  CopyBatchContext,
  CopyBatchEvent,
  CopyBatchInput,
  FixedSelection,
  ItemState,
} from './copy-batch-context.ts';

export const COPY_BATCH_MACHINE_ID = 'copyBatch';
export const COPY_BATCH_MACHINE_VERSION = 1;

const ITEM_FINAL = new Set(['done', 'rejected', 'expired', 'cancelled', 'failed']);

function allEnded(context: CopyBatchContext): boolean {
  const planned = context.selection?.items.length ?? 0;
  return context.items.length === planned && context.items.every((item) => ITEM_FINAL.has(item.status));
}

const doneCount = (items: readonly ItemState[]) => items.filter((item) => item.status === 'done').length;

export const copyBatchMachine = setup({
  types: {
    context: {} as CopyBatchContext,
    events: {} as CopyBatchEvent,
    input: {} as CopyBatchInput,
  },
  guards: {
    nothingToCopy: (_, selection: FixedSelection) => selection.items.length === 0,
    needsApproval: (_, selection: FixedSelection) => selection.approval.required,
    /** The requester can never decide their own batch; the service also checks the approver list. */
    isNotRequester: ({ context, event }) => 'by' in event && event.by !== context.requester.userId,
    /** The decision is on the list the approver was shown; another list needs its own. */
    digestMatches: ({ context, event }) =>
      event.type === 'APPROVE' && event.digest === context.selection?.digest,
    hasRejectReason: ({ event }) => event.type === 'REJECT' && event.reason.trim().length > 0,
    deadlinePassed: ({ context, event }) =>
      event.type === 'DEADLINE' && event.at >= (context.approval.deadline ?? Number.POSITIVE_INFINITY),
    allEnded: ({ context }) => allEnded(context),
    allDone: ({ context }) => doneCount(context.items) === context.items.length,
    noneDone: ({ context }) => doneCount(context.items) === 0,
  },
  actions: {
    recordSelection: assign((_, { selection, at }: { selection: FixedSelection; at: number }) => ({
      selection,
      approval: { required: selection.approval.required, reasons: selection.approval.reasons },
      updatedAt: at,
    })),
    armDeadline: assign(({ context }) => ({
      approval: { ...context.approval, deadline: context.updatedAt + context.approvalTtlMs },
    })),
    approveAutomatically: assign(({ context }) => ({
      approval: { ...context.approval, automatic: true, decidedAt: context.updatedAt },
    })),
    recordNothingToCopy: assign(({ context }) => ({
      failure: {
        code: 'BatchNothingToCopy',
        hint: `The selection found ${context.selection?.disksFound ?? 0} disk(s), and none of them can be copied; the reasons are listed per disk.`,
      },
    })),
    recordSelectionFailure: assign(({ event }) => {
      if (event.type !== 'SELECTION_FAILED') return {};
      return { failure: { code: event.code, hint: event.hint }, updatedAt: event.at };
    }),
    recordApproval: assign(({ context, event }) => {
      if (event.type !== 'APPROVE') return {};
      const { deadline: _decided, ...approval } = context.approval;
      return { approval: { ...approval, decidedBy: event.by, decidedAt: event.at }, updatedAt: event.at };
    }),
    recordRejection: assign(({ context, event }) => {
      if (event.type !== 'REJECT') return {};
      const approval = {
        ...context.approval,
        decidedBy: event.by,
        decidedAt: event.at,
        rejectReason: event.reason.trim(),
      };
      return { approval, updatedAt: event.at };
    }),
    recordExpiry: assign(({ event }) => ({ updatedAt: event.at })),
    recordCancellation: assign(({ event }) => {
      if (event.type !== 'CANCEL') return {};
      return { cancellation: { by: event.by, at: event.at }, updatedAt: event.at };
    }),
    recordItems: assign(({ event }) => {
      if (event.type !== 'ITEMS_CHANGED') return {};
      return { items: event.items, updatedAt: event.at };
    }),
  },
}).createMachine({
  id: COPY_BATCH_MACHINE_ID,
  context: ({ input }) => ({
    ...input,
    updatedAt: input.createdAt,
    approval: { required: false, reasons: [] },
    items: [],
  }),
  initial: 'selecting',
  states: {
    selecting: {
      on: {
        SELECTED: [
          {
            guard: { type: 'nothingToCopy', params: ({ event }) => event.selection },
            target: 'failed',
            actions: [{ type: 'recordSelection', params: ({ event }) => event }, 'recordNothingToCopy'],
          },
          {
            guard: { type: 'needsApproval', params: ({ event }) => event.selection },
            target: 'awaitingApproval',
            actions: [{ type: 'recordSelection', params: ({ event }) => event }, 'armDeadline'],
          },
          {
            target: 'running',
            actions: [{ type: 'recordSelection', params: ({ event }) => event }, 'approveAutomatically'],
          },
        ],
        SELECTION_FAILED: { target: 'failed', actions: 'recordSelectionFailure' },
        CANCEL: { target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    awaitingApproval: {
      on: {
        APPROVE: {
          guard: and(['isNotRequester', 'digestMatches']),
          target: 'running',
          actions: 'recordApproval',
        },
        REJECT: {
          guard: and(['isNotRequester', 'hasRejectReason']),
          target: 'rejected',
          actions: 'recordRejection',
        },
        CANCEL: { target: 'cancelled', actions: 'recordCancellation' },
        DEADLINE: { guard: 'deadlinePassed', target: 'expired', actions: 'recordExpiry' },
      },
    },
    running: {
      always: [
        { guard: and(['allEnded', 'allDone']), target: 'done' },
        { guard: and(['allEnded', 'noneDone']), target: 'failed' },
        { guard: 'allEnded', target: 'partiallyDone' },
      ],
      on: {
        ITEMS_CHANGED: { actions: 'recordItems' },
        CANCEL: { target: 'cancelling', actions: 'recordCancellation' },
      },
    },
    cancelling: {
      always: { guard: 'allEnded', target: 'cancelled' },
      on: { ITEMS_CHANGED: { actions: 'recordItems' } },
    },
    done: { type: 'final' },
    partiallyDone: { type: 'final' },
    failed: { type: 'final' },
    rejected: { type: 'final' },
    expired: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type CopyBatchMachine = typeof copyBatchMachine;
