/**
 * The request modal was submitted. Every refusal that can be known within the time budget comes
 * back inline on its input; otherwise the modal closes and the request is handed to the service,
 * whose machine validates again against the cloud and reports a late refusal on the card.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { CopyParameters, Refusal } from '../../../domain/copy-request.ts';
import { validateParameters } from '../../../domain/validate-request.ts';
import { inlineErrors, inputBlockIds } from '../../inline-errors.ts';
import { interactionContext, viewRef } from '../../payload-guards.ts';
import {
  readRequestModalMetadata,
  readRequestModalValues,
  toCopyParameters,
} from '../../request-modal-state.ts';
import { withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { batchSubmitted } from './batch-submitted.ts';
import { refusedMessage, SUBMIT_STORE_BUDGET_MS } from './submission.ts';

export function requestSubmitted(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const context = interactionContext(body);
    const ref = viewRef(view);
    if (!context || !ref) return ack();
    const metadata = readRequestModalMetadata(ref.raw) ?? { channelId: context.userId };
    const present = inputBlockIds(ref.raw);
    const values = readRequestModalValues(ref.raw);
    const requester = { userId: context.userId, channelId: metadata.channelId };
    const reply = { client, ...requester };
    if (values.mode)
      return batchSubmitted(deps, values, { ack, present, requester, reply, submissionId: ref.id });
    const parsed = toCopyParameters(values);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: inlineErrors(parsed.errors, present) });

    // The service's check covers every rule; when it cannot answer in time, the rules that need
    // no cloud still can, and the workflow checks the rest after the modal has closed.
    const checked = deps.service.check(parsed.parameters).catch((error: unknown) => {
      deps.logger.warn('pre-submit check failed; the workflow will check again', { error });
      return undefined;
    });
    const refusals =
      (await withinBudget(checked, deps.submitCheckBudgetMs)) ?? validateParameters(parsed.parameters);
    if (
      refusals.length > 0 &&
      !(await isRepeatOfOwnRequest(deps, context.userId, parsed.parameters, refusals))
    )
      return ack({ response_action: 'errors', errors: inlineErrors(refusals, present) });

    // Close the modal only once the request is stored (within what is left of Slack's three
    // seconds): a crash after the modal closed must not lose a request the requester saw accepted.
    const submitted = deps.service.submit(parsed.parameters, requester, ref.id);
    await withinBudget(submitted, SUBMIT_STORE_BUDGET_MS);
    await ack();
    try {
      const result = await submitted;
      if (!result.ok) await replyPrivately(reply, refusedMessage('snapshot copy request', result.refusals));
    } catch (error) {
      deps.logger.error('submit failed', { error });
      await replyPrivately(reply, 'I could not record your request just now. Please try again in a minute.');
    }
  };
}

/**
 * Slack re-sends a submission it gave up waiting for; by then the first one may be copying, and
 * the only refusal is that very copy. The submit below then returns the same request.
 */
async function isRepeatOfOwnRequest(
  deps: ListenerDeps,
  userId: string,
  parameters: CopyParameters,
  refusals: Refusal[],
): Promise<boolean> {
  if (!refusals.every((refusal) => refusal.code === 'destinationRegionId.unfinishedCopy')) return false;
  const own = await deps.service.listByRequester(userId);
  return own.some(
    (request) =>
      request.parameters.sourceSnapshotId === parameters.sourceSnapshotId &&
      request.parameters.destinationRegionId === parameters.destinationRegionId &&
      (request.status === 'copying' || request.status === 'inProgress'),
  );
}
