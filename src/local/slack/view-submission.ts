/**
 * What Slack does with an app's answer to view_submission (reference slack.md §1.4): nothing → the
 * view closes; `errors` → shown on input blocks; `update` / `push` / `clear` → the modal stack changes.
 * Anything Slack would refuse leaves the view open with "We had some trouble connecting".
 */
import type { AppReply } from './app-delivery.ts';
import { inputBlockIds } from './block-elements.ts';
import { viewProblems } from './block-kit-limits.ts';
import { isJsonObject } from './json-values.ts';
import type { SlackState } from './slack-state.ts';
import { MAX_VIEW_STACK, type StandInView } from './view-store.ts';

export type SubmissionOutcome = 'closed' | 'errors' | 'updated' | 'pushed' | 'cleared' | 'failed';

export interface SubmissionResult extends AppReply {
  outcome: SubmissionOutcome;
  /** The view now on top of the user's stack (the updated or pushed one), if any. */
  view?: StandInView;
  /** Why Slack would not accept the answer, when outcome is `failed`. */
  problems?: string[];
}

export function applySubmissionReply(
  state: SlackState,
  submitted: StandInView,
  reply: AppReply,
): SubmissionResult {
  const { views } = state;
  const { userId } = submitted;
  const viewId = submitted.view.id;
  const top = () => views.stack(userId).at(-1);
  const failed = (problems: string[]): SubmissionResult => ({ ...reply, outcome: 'failed', problems });
  const done = (outcome: SubmissionOutcome): SubmissionResult => {
    const view = top();
    return view ? { ...reply, outcome, view } : { ...reply, outcome };
  };

  if (reply.status !== 200) return failed([reply.failure ?? `the app answered HTTP ${reply.status}`]);
  if (reply.body === undefined) {
    views.close(viewId);
    return done('closed');
  }
  if (!isJsonObject(reply.body)) return failed(['the app answered with a body that is not JSON']);
  const { response_action: action, errors, view } = reply.body;
  switch (action) {
    case 'errors': {
      if (!isJsonObject(errors)) return failed(['errors must be an object']);
      const inputs = inputBlockIds(submitted.view.blocks);
      const unknown = Object.keys(errors).filter((blockId) => !inputs.has(blockId));
      if (unknown.length > 0)
        return failed(unknown.map((blockId) => `${blockId} is not an input block of the view`));
      views.setErrors(
        viewId,
        Object.fromEntries(Object.entries(errors).map(([key, text]) => [key, String(text)])),
      );
      return done('errors');
    }
    case 'update':
    case 'push': {
      if (!isJsonObject(view)) return failed(['view is required']);
      const problems = viewProblems(view);
      if (problems.length > 0) return failed(problems);
      if (action === 'update') {
        views.replace(viewId, view);
        return done('updated');
      }
      if (views.stack(userId).length >= MAX_VIEW_STACK) return failed(['push_limit_reached']);
      views.push(userId, view);
      return done('pushed');
    }
    case 'clear':
      views.clear(userId);
      return done('cleared');
    default:
      return failed([`unknown response_action ${JSON.stringify(action)}`]);
  }
}
