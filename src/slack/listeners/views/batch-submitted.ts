/**
 * The request modal was submitted in a batch mode. The selection is asked for once more within
 * the check budget: batch-level refusals and an empty selection come back inline, on the input
 * they concern; otherwise the batch is stored before the modal closes, as a single request is.
 */
import { inlineErrors } from '../../inline-errors.ts';
import type { RequestModalValues } from '../../request-modal-model.ts';
import { toBatchParameters } from '../../request-modal-state.ts';
import { withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { refusedMessage, SUBMIT_STORE_BUDGET_MS, type Submission } from './submission.ts';

export async function batchSubmitted(
  deps: ListenerDeps,
  values: RequestModalValues,
  submission: Submission,
): Promise<void> {
  const { ack, present, requester, reply, submissionId } = submission;
  const parsed = toBatchParameters(values);
  if (!parsed.ok) return ack({ response_action: 'errors', errors: inlineErrors(parsed.errors, present) });

  const previewed = deps.batches.preview(parsed.parameters).catch((error: unknown) => {
    deps.logger.warn('pre-submit batch preview failed; the workflow will select again', { error });
    return undefined;
  });
  const selection = await withinBudget(previewed, deps.submitCheckBudgetMs);
  if (selection && selection.refusals.length > 0)
    return ack({ response_action: 'errors', errors: inlineErrors(selection.refusals, present) });
  if (selection && selection.items.length === 0) {
    const message =
      selection.disksFound === 0
        ? 'The selection finds no disk in the source region.'
        : `None of the ${selection.disksFound} disks found can be copied; the preview says why.`;
    return ack({
      response_action: 'errors',
      errors: inlineErrors([{ field: 'selector', message }], present),
    });
  }

  const submitted = deps.batches.submit(parsed.parameters, requester, submissionId);
  await withinBudget(submitted, SUBMIT_STORE_BUDGET_MS);
  await ack();
  try {
    const result = await submitted;
    if (!result.ok) await replyPrivately(reply, refusedMessage('batch copy request', result.refusals));
  } catch (error) {
    deps.logger.error('batch submit failed', { error });
    await replyPrivately(reply, 'I could not record your batch just now. Please try again in a minute.');
  }
}
