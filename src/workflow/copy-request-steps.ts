/**
 * The real implementations of the machine's named steps, given to `machine.provide` by the
 * runtime. Each one may run again after a restart (an invoked promise is re-run on restore), so
 * each is read-only or idempotent: CopySnapshot carries the request's ClientToken, a delete of a
 * snapshot that is already gone counts as done.
 */
import { fromCallback, fromPromise } from 'xstate';
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import { approvalPolicy } from '../domain/approval-policy.ts';
import type { CopyParameters } from '../domain/copy-request.ts';
import { estimateCost } from '../domain/estimate-cost.ts';
import type { PriceTable } from '../domain/price-table.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { validateRequest } from '../domain/validate-request.ts';
import type { Logger } from '../observability/logger.ts';
import type { Clock } from './clock.ts';
import type {
  Assessment,
  CopyCancelled,
  CopyRequestEvent,
  CopyStarted,
  CopyStepInput,
  EstimateOutcome,
  TrackedCopy,
} from './copy-request-context.ts';
import type { CopySlots } from './copy-slots.ts';
import { createDeadlineTimer } from './deadline-timer.ts';
import type { ProgressPoller } from './progress-poller.ts';
import { resolvedKeyOf } from './request-assessment.ts';
import { gatherRequestFacts } from './request-facts.ts';
import { stepFailureFrom } from './step-failure.ts';

export interface CopyRequestStepsDeps {
  gateway: CloudGateway;
  prices: PriceTable;
  clock: Clock;
  poller: ProgressPoller;
  /** At most so many copies in flight per destination region (copy-slots.ts). */
  slots: CopySlots;
  /** When the request first asked for its copy: its place in the queue, kept across restarts. */
  askedAt(requestId: string): number;
  /**
   * The failure to end the step with when a cancel reached the request while it waited for its
   * slot (durably, so after the flush that follows the wait); undefined to go on with the copy.
   */
  cancelledWhileQueued(requestId: string): Error | undefined;
  logger: Logger;
  /** Resolves once the request's current state is durable; rejects when this process lost the request. */
  flush(requestId: string): Promise<void>;
}

export function createCopyRequestSteps(deps: CopyRequestStepsDeps) {
  const { gateway, clock, logger } = deps;
  const failed = (step: string) => (error: unknown) => {
    throw stepFailureFrom(error, clock.now(), logger, step);
  };

  return {
    assessRequest: fromPromise<Assessment, { requestId: string; parameters: CopyParameters }>(
      async ({ input }) => {
        const facts = await gatherRequestFacts(gateway, input.parameters).catch(failed('assessRequest'));
        return { refusals: validateRequest(input.parameters, facts), facts, at: clock.now() };
      },
    ),

    estimateRequest: fromPromise<EstimateOutcome, { parameters: CopyParameters; facts: RequestFacts }>(
      async ({ input }) => {
        try {
          const outcome: EstimateOutcome = {
            estimate: estimateCost(input.parameters, input.facts, deps.prices),
            approval: approvalPolicy(input.parameters),
            at: clock.now(),
          };
          const key = resolvedKeyOf(input.parameters, input.facts);
          if (key) outcome.key = key;
          return outcome;
        } catch (error) {
          return failed('estimateRequest')(error);
        }
      },
    ),

    deadline: createDeadlineTimer(clock),

    copySnapshot: fromPromise<CopyStarted, CopyStepInput>(async ({ input, signal }) => {
      const { requestId, call } = input;
      // Write-ahead: the `copying` state must be durable before the call leaves, or a crash
      // could forget a copy that exists. Flushed before the wait too, so the host is known.
      await deps.flush(requestId);
      // The wait lives here, not in the machine: nothing is sent meanwhile, and a restart asks again.
      const regionId = call.destinationRegionId;
      await deps.slots.take({ requestId, regionId, askedAt: deps.askedAt(requestId) }, signal);
      try {
        // The wait may have been long: whoever runs the request must still lead.
        await deps.flush(requestId);
        // A slot freed by a cancelled copy can go to a request that is being cancelled too.
        const cancelled = deps.cancelledWhileQueued(requestId);
        if (cancelled) throw cancelled;
        const result = await gateway.copySnapshot(call).catch(failed('copySnapshot'));
        return { snapshotId: result.snapshotId, cloudRequestId: result.requestId, at: clock.now() };
      } catch (error) {
        // No copy to count: a retry asks for a slot again after its back-off.
        deps.slots.release(requestId);
        throw error;
      }
    }),

    trackProgress: fromCallback<CopyRequestEvent, TrackedCopy>(({ input, sendBack }) => {
      // A copy restored into progress holds its slot at once: it counts before queued requests.
      deps.slots.occupy(input.requestId, input.regionId);
      const untrack = deps.poller.track(input, sendBack);
      return () => {
        untrack();
        deps.slots.release(input.requestId);
      };
    }),

    cancelCopy: fromPromise<CopyCancelled, TrackedCopy>(async ({ input }) => {
      await deps.flush(input.requestId);
      const [copy] = await gateway
        .describeSnapshots(input.regionId, [input.snapshotId])
        .catch(failed('cancelCopy'));
      // A finished copy is worth keeping: the requester is told instead of losing it.
      if (copy?.status === 'accomplished') return { outcome: 'copyAlreadyFinished', at: clock.now() };
      const deleted = await gateway
        .deleteSnapshot(input.regionId, input.snapshotId)
        .catch(failed('cancelCopy'));
      return { outcome: 'partialCopyDeleted', cloudRequestId: deleted.requestId, at: clock.now() };
    }),
  };
}
