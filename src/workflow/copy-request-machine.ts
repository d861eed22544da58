/**
 * One copy request's lifecycle (SPEC §6). The machine only decides; every step that touches the
 * cloud or a timer is a named actor whose implementation the runtime provides with
 * `machine.provide`, so tests replay the same machine with stand-in steps and a hand-driven clock.
 *
 * Durability rules from reference/xstate-keyv.md §3 shape it: no `after` (timers are not
 * restored), waits are absolute deadlines in context watched by the `deadline` actor, and every
 * invoked step may run again after a restart, so each one is idempotent.
 */
import { and, assign, type ErrorActorEvent, fromCallback, fromPromise, not, setup } from 'xstate';
import type { ApprovalDecision, CopyParameters } from '../domain/copy-request.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { backoffDelayMs } from './backoff.ts';
import { buildCopyCall } from './copy-call.ts';
import type {
  Assessment,
  CopyCancelled,
  CopyRequestContext,
  CopyRequestEvent,
  CopyRequestInput,
  CopyStarted,
  CopyStepInput,
  DeadlineInput,
  EstimateOutcome,
  StepFailure,
  TrackedCopy,
} from './copy-request-context.ts';
import { summarizeSource } from './request-assessment.ts';

export const COPY_REQUEST_MACHINE_ID = 'copyRequest';
/** Raise when a persisted snapshot of the previous version could no longer be restored as is. */
export const COPY_REQUEST_MACHINE_VERSION = 1;

function notProvided(name: string): never {
  throw new Error(`${name} has no implementation: provide one with machine.provide`);
}

/** A failed step's error as plain JSON; anything that is not a StepFailure is a bug, not worth retrying. */
function toStepFailure(error: unknown, context: CopyRequestContext): StepFailure {
  const candidate = error as Partial<StepFailure> | undefined;
  if (candidate && typeof candidate.code === 'string' && typeof candidate.hint === 'string') {
    return {
      code: candidate.code,
      hint: candidate.hint,
      retryable: candidate.retryable === true,
      ...(candidate.cloudRequestId ? { cloudRequestId: candidate.cloudRequestId } : {}),
      at: typeof candidate.at === 'number' ? candidate.at : context.updatedAt,
    };
  }
  return {
    code: 'InternalError',
    hint: 'snapcopy hit an unexpected error in this step; the details are in its log.',
    retryable: false,
    at: context.updatedAt,
  };
}

const failureOf = ({ context, event }: { context: CopyRequestContext; event: ErrorActorEvent }) =>
  toStepFailure(event.error, context);

/** A step that failed with a retryable error waits out its back-off while attempts are left... */
const retryAfterBackOff = {
  guard: { type: 'canRetry', params: failureOf },
  target: 'waitingToRetry',
  actions: { type: 'scheduleRetry', params: failureOf },
} as const;

/** ...otherwise the request fails with the step's code and hint. */
const failRequest = {
  target: '#copyRequest.failed',
  actions: { type: 'recordFailure', params: failureOf },
} as const;

/** The durable back-off wait of a step: the deadline actor re-arms for `retry.at` after a restart. */
function waitingToRetry(id: string, retryState: string) {
  return {
    invoke: {
      id,
      src: 'deadline',
      input: ({ context }: { context: CopyRequestContext }) => retryDeadline(context),
    },
    on: { DEADLINE: retryState },
  } as const;
}

export const copyRequestMachine = setup({
  types: {
    context: {} as CopyRequestContext,
    events: {} as CopyRequestEvent,
    input: {} as CopyRequestInput,
  },
  actors: {
    /** Gathers the cloud facts and applies every SPEC §2 rule. Read-only. */
    assessRequest: fromPromise<Assessment, { requestId: string; parameters: CopyParameters }>(async () =>
      notProvided('assessRequest'),
    ),
    /** Cost, approval policy and resolved key from the facts. Pure. */
    estimateRequest: fromPromise<EstimateOutcome, { parameters: CopyParameters; facts: RequestFacts }>(
      async () => notProvided('estimateRequest'),
    ),
    /** Sends DEADLINE once the clock reaches `until`; restarted on restore, so it survives restarts. */
    deadline: fromCallback<CopyRequestEvent, DeadlineInput>(() => notProvided('deadline')),
    /** Waits until the `copying` state is durable, then calls CopySnapshot with the fixed call. */
    copySnapshot: fromPromise<CopyStarted, CopyStepInput>(async () => notProvided('copySnapshot')),
    /** Registers the copy with the shared progress poller, which sends PROGRESS / COPY_*. */
    trackProgress: fromCallback<CopyRequestEvent, TrackedCopy>(() => notProvided('trackProgress')),
    /** Deletes the partial copy, unless it already finished. */
    cancelCopy: fromPromise<CopyCancelled, TrackedCopy>(async () => notProvided('cancelCopy')),
  },
  guards: {
    hasRefusals: (_, assessment: Assessment) => assessment.refusals.length > 0,
    needsApproval: (_, outcome: { approval: ApprovalDecision }) => outcome.approval.required,
    /** A batch item needing approval carries the batch's decision; one without it waits as any request. */
    decidedByBatch: ({ context }, outcome: { approval: ApprovalDecision }) =>
      outcome.approval.required && context.batch?.approval !== undefined,
    canRetry: ({ context }, failure: StepFailure) =>
      failure.retryable && (context.retry?.attempt ?? 0) + 1 < context.policy.maxAttempts,
    /** The requester can never decide their own request; the service also checks the approver list. */
    isNotRequester: ({ context, event }) => 'by' in event && event.by !== context.requester.userId,
    hasRejectReason: ({ event }) => event.type === 'REJECT' && event.reason.trim().length > 0,
    hasPendingCancel: ({ context }) => context.cancelRequested !== undefined,
    copyFinishedFirst: (_, cancelled: CopyCancelled) => cancelled.outcome === 'copyAlreadyFinished',
  },
  actions: {
    recordRefusals: assign((_, assessment: Assessment) => ({
      refusals: assessment.refusals,
      source: summarizeSource(assessment.facts),
      updatedAt: assessment.at,
    })),
    recordAssessment: assign(({ context }, assessment: Assessment) => ({
      facts: assessment.facts,
      source: summarizeSource(assessment.facts),
      copyCall: buildCopyCall(context, assessment.facts),
      refusals: undefined,
      retry: undefined,
      updatedAt: assessment.at,
    })),
    recordEstimate: assign(({ context }, outcome: EstimateOutcome) => ({
      facts: undefined,
      estimate: outcome.estimate,
      key: outcome.key,
      approval: {
        required: outcome.approval.required,
        reasons: outcome.approval.reasons,
        ...(outcome.approval.required ? { deadline: outcome.at + context.policy.approvalTtlMs } : {}),
      },
      updatedAt: outcome.at,
    })),
    /** The batch's approver decided for every item, bound to this item's snapshot among the others. */
    recordBatchApproval: assign(({ context }) => {
      const decision = context.batch?.approval;
      if (!decision || !context.approval) return {};
      const { deadline: _decided, ...approval } = context.approval;
      return { approval: { ...approval, decidedBy: decision.by, decidedAt: decision.at } };
    }),
    approveAutomatically: assign(({ context }, outcome: EstimateOutcome) => ({
      approval: { required: false, reasons: [], ...context.approval, automatic: true, decidedAt: outcome.at },
    })),
    recordApproval: assign(({ context, event }) => {
      if (event.type !== 'APPROVE' || !context.approval) return {};
      return {
        approval: { ...context.approval, decidedBy: event.by, decidedAt: event.at },
        updatedAt: event.at,
      };
    }),
    recordRejection: assign(({ context, event }) => {
      if (event.type !== 'REJECT' || !context.approval) return {};
      const approval = {
        ...context.approval,
        decidedBy: event.by,
        decidedAt: event.at,
        rejectReason: event.reason.trim(),
      };
      return { approval, updatedAt: event.at };
    }),
    recordExpiry: assign(({ event }) => ({ updatedAt: event.at })),
    recordCancellationBeforeCopy: assign(({ event }) => {
      if (event.type !== 'CANCEL') return {};
      return {
        cancellation: { by: event.by, at: event.at, outcome: 'beforeCopy' as const },
        updatedAt: event.at,
      };
    }),
    rememberCancel: assign(({ event }) => {
      if (event.type !== 'CANCEL') return {};
      return { cancelRequested: { by: event.by, at: event.at }, updatedAt: event.at };
    }),
    /** A cancel was waiting for the copy, but CopySnapshot failed: nothing was copied. */
    cancelWithoutCopy: assign(({ context }, failure: StepFailure) => ({
      cancellation: {
        by: context.cancelRequested?.by ?? context.requester.userId,
        at: failure.at,
        outcome: 'beforeCopy' as const,
      },
      retry: undefined,
      updatedAt: failure.at,
    })),
    scheduleRetry: assign(({ context }, failure: StepFailure) => {
      const attempt = (context.retry?.attempt ?? 0) + 1;
      const delay = backoffDelayMs(attempt, {
        baseMs: context.policy.retryBaseMs,
        maxMs: context.policy.retryMaxMs,
      });
      return { retry: { attempt, at: failure.at + delay, code: failure.code }, updatedAt: failure.at };
    }),
    recordFailure: assign((_, failure: StepFailure) => ({
      failure: {
        code: failure.code,
        hint: failure.hint,
        ...(failure.cloudRequestId ? { cloudRequestId: failure.cloudRequestId } : {}),
      },
      retry: undefined,
      updatedAt: failure.at,
    })),
    recordCopyStarted: assign((_, started: CopyStarted) => ({
      copy: { snapshotId: started.snapshotId, progress: 0, startedAt: started.at },
      retry: undefined,
      updatedAt: started.at,
    })),
    recordProgress: assign(({ context, event }) => {
      if (event.type !== 'PROGRESS' || !context.copy) return {};
      const copy = { ...context.copy, progress: event.progress };
      if (event.remainTime === undefined) delete copy.remainTimeSeconds;
      else copy.remainTimeSeconds = event.remainTime;
      return { copy, updatedAt: event.at };
    }),
    recordCopySucceeded: assign(({ context, event }) => {
      if (event.type !== 'COPY_SUCCEEDED' || !context.copy) return {};
      const { remainTimeSeconds: _finished, ...copy } = context.copy;
      return { copy: { ...copy, progress: 100, finishedAt: event.at }, updatedAt: event.at };
    }),
    recordCopyFailed: assign(({ event }) => {
      if (event.type !== 'COPY_FAILED') return {};
      return { failure: { code: event.code, hint: event.hint }, updatedAt: event.at };
    }),
    recordCancellation: assign(({ context }, cancelled: CopyCancelled) => {
      const cancellation = {
        by: context.cancelRequested?.by ?? context.requester.userId,
        at: cancelled.at,
        outcome: cancelled.outcome,
      };
      const copy =
        cancelled.outcome === 'copyAlreadyFinished' && context.copy
          ? { ...context.copy, progress: 100, finishedAt: cancelled.at }
          : context.copy;
      return { cancellation, copy, retry: undefined, updatedAt: cancelled.at };
    }),
  },
}).createMachine({
  id: COPY_REQUEST_MACHINE_ID,
  context: ({ input }) => ({
    requestId: input.requestId,
    parameters: input.parameters,
    requester: input.requester,
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    policy: input.policy,
    ...(input.batch ? { batch: input.batch } : {}),
  }),
  initial: 'validating',
  states: {
    validating: {
      initial: 'assessing',
      on: { CANCEL: { target: 'cancelled', actions: 'recordCancellationBeforeCopy' } },
      states: {
        assessing: {
          invoke: {
            id: 'assess',
            src: 'assessRequest',
            input: ({ context }) => ({ requestId: context.requestId, parameters: context.parameters }),
            onDone: [
              {
                guard: { type: 'hasRefusals', params: ({ event }) => event.output },
                target: '#copyRequest.failed',
                actions: { type: 'recordRefusals', params: ({ event }) => event.output },
              },
              {
                target: '#copyRequest.estimating',
                actions: { type: 'recordAssessment', params: ({ event }) => event.output },
              },
            ],
            onError: [retryAfterBackOff, failRequest],
          },
        },
        waitingToRetry: waitingToRetry('assessRetry', 'assessing'),
      },
    },
    estimating: {
      on: { CANCEL: { target: 'cancelled', actions: 'recordCancellationBeforeCopy' } },
      invoke: {
        id: 'estimate',
        src: 'estimateRequest',
        input: ({ context }) => ({ parameters: context.parameters, facts: context.facts! }),
        onDone: [
          {
            guard: { type: 'decidedByBatch', params: ({ event }) => event.output },
            target: 'copying',
            actions: [{ type: 'recordEstimate', params: ({ event }) => event.output }, 'recordBatchApproval'],
          },
          {
            guard: { type: 'needsApproval', params: ({ event }) => event.output },
            target: 'awaitingApproval',
            actions: { type: 'recordEstimate', params: ({ event }) => event.output },
          },
          {
            target: 'copying',
            actions: [
              { type: 'recordEstimate', params: ({ event }) => event.output },
              { type: 'approveAutomatically', params: ({ event }) => event.output },
            ],
          },
        ],
        onError: failRequest,
      },
    },
    awaitingApproval: {
      invoke: {
        id: 'approvalDeadline',
        src: 'deadline',
        input: ({ context }) => ({ until: context.approval?.deadline ?? context.updatedAt }),
      },
      on: {
        APPROVE: { guard: 'isNotRequester', target: 'copying', actions: 'recordApproval' },
        REJECT: {
          guard: and(['isNotRequester', 'hasRejectReason']),
          target: 'rejected',
          actions: 'recordRejection',
        },
        CANCEL: { target: 'cancelled', actions: 'recordCancellationBeforeCopy' },
        DEADLINE: { target: 'expired', actions: 'recordExpiry' },
      },
    },
    copying: {
      initial: 'calling',
      // The new snapshot's ID is not known yet, so there is nothing to delete: remember the cancel.
      on: { CANCEL: { guard: not('hasPendingCancel'), actions: 'rememberCancel' } },
      states: {
        calling: {
          invoke: {
            id: 'copy',
            src: 'copySnapshot',
            input: ({ context }) => ({ requestId: context.requestId, call: context.copyCall! }),
            onDone: [
              {
                guard: 'hasPendingCancel',
                target: '#copyRequest.cancelling',
                actions: { type: 'recordCopyStarted', params: ({ event }) => event.output },
              },
              {
                target: '#copyRequest.inProgress',
                actions: { type: 'recordCopyStarted', params: ({ event }) => event.output },
              },
            ],
            onError: [
              retryAfterBackOff,
              {
                guard: 'hasPendingCancel',
                target: '#copyRequest.cancelled',
                actions: { type: 'cancelWithoutCopy', params: failureOf },
              },
              failRequest,
            ],
          },
        },
        waitingToRetry: waitingToRetry('copyRetry', 'calling'),
      },
    },
    inProgress: {
      invoke: { id: 'progress', src: 'trackProgress', input: ({ context }) => trackedCopy(context) },
      on: {
        PROGRESS: { actions: 'recordProgress' },
        COPY_SUCCEEDED: { target: 'done', actions: 'recordCopySucceeded' },
        COPY_FAILED: { target: 'failed', actions: 'recordCopyFailed' },
        CANCEL: { target: 'cancelling', actions: 'rememberCancel' },
      },
    },
    cancelling: {
      initial: 'deleting',
      states: {
        deleting: {
          invoke: {
            id: 'cancelCopy',
            src: 'cancelCopy',
            input: ({ context }) => trackedCopy(context),
            onDone: [
              {
                guard: { type: 'copyFinishedFirst', params: ({ event }) => event.output },
                target: '#copyRequest.done',
                actions: { type: 'recordCancellation', params: ({ event }) => event.output },
              },
              {
                target: '#copyRequest.cancelled',
                actions: { type: 'recordCancellation', params: ({ event }) => event.output },
              },
            ],
            onError: [retryAfterBackOff, failRequest],
          },
        },
        waitingToRetry: waitingToRetry('cancelRetry', 'deleting'),
      },
    },
    done: { type: 'final' },
    rejected: { type: 'final' },
    expired: { type: 'final' },
    cancelled: { type: 'final' },
    failed: { type: 'final' },
  },
});

export type CopyRequestMachine = typeof copyRequestMachine;

function retryDeadline(context: CopyRequestContext): DeadlineInput {
  return { until: context.retry?.at ?? context.updatedAt };
}

function trackedCopy(context: CopyRequestContext): TrackedCopy {
  return {
    requestId: context.requestId,
    regionId: context.parameters.destinationRegionId,
    snapshotId: context.copy?.snapshotId ?? '',
  };
}
