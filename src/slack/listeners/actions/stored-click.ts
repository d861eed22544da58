/**
 * What Approve and Cancel share: a click on a request's or batch's button that changes it. Slack
 * is answered once the change is stored (within a budget), so a crash cannot forget a click Slack
 * showed as taken; a refusal is then told to the clicker alone.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionValue, type InteractionContext, interactionContext } from '../../payload-guards.ts';
import { STORE_BEFORE_ACK_MS, withinBudget } from '../../time-budget.ts';
import { replyPrivately } from '../../user-replies.ts';

type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

export interface StoredClick<Target, Refused> {
  /** The button's value read back (a request ID, or a batch ID with its digest); undefined: not ours. */
  target(value: string): Target | undefined;
  /** The service call that stores the change. */
  change(target: Target, userId: string): Promise<{ ok: true } | Refused>;
  refusalText(target: Target, refused: Refused): string;
  /** Runs after the answer, whatever the outcome (e.g. refresh the clicker's Home tab). */
  afterwards?(args: ActionArgs, context: InteractionContext): Promise<void>;
}

/** A button whose value is the ID it acts on. */
export const idValue = (value: string): string => value;

export function storedClick<Target, Refused extends { ok: false }>(click: StoredClick<Target, Refused>) {
  return async (args: ActionArgs): Promise<void> => {
    const { ack, body, action, client, respond } = args;
    const context = interactionContext(body);
    const value = actionValue(action);
    const target = value === undefined ? undefined : click.target(value);
    if (!context || target === undefined) return ack();
    const stored = click.change(target, context.userId);
    await withinBudget(stored, STORE_BEFORE_ACK_MS);
    await ack();
    const result = await stored;
    if (!result.ok) await replyPrivately({ client, respond, ...context }, click.refusalText(target, result));
    await click.afterwards?.(args, context);
  };
}
