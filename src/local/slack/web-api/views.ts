/** views.open / push / update / publish: trigger rules, the modal stack, hashes and view limits. */
import { MAX_VIEW_BYTES, viewProblems } from '../block-kit-limits.ts';
import type { JsonObject } from '../json-values.ts';
import type { SlackState } from '../slack-state.ts';
import type { Trigger } from '../trigger-ids.ts';
import { MAX_VIEW_STACK, type StandInView } from '../view-store.ts';
import type { MethodArgs } from './method-args.ts';
import { refuseWithProblems, SlackApiError } from './slack-api-error.ts';
import type { MethodTable } from './web-api-method.ts';

/** The `view` argument, checked; `replacing` is the view being updated, whose external_id is its own. */
function viewArg(
  args: MethodArgs,
  state: SlackState,
  expectedType: 'modal' | 'home',
  replacing?: string,
): JsonObject {
  const view = args.object('view');
  if (!view) throw new SlackApiError('invalid_arguments');
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) throw new SlackApiError('view_too_large');
  const problems = viewProblems(view);
  if (view.type !== expectedType) problems.push(`[ERROR] must be ${expectedType} [json-pointer:/view/type]`);
  if (problems.length > 0) refuseWithProblems('invalid_arguments', problems);
  const externalId = view.external_id;
  if (typeof externalId === 'string' && externalId !== '') {
    const holder = state.views.openByExternalId(externalId);
    if (holder && holder.view.id !== replacing) throw new SlackApiError('duplicate_external_id');
  }
  return view;
}

function exchangeTrigger(args: MethodArgs, state: SlackState): Trigger {
  const trigger = state.triggers.exchange(args.required('trigger_id', 'invalid_trigger_id'));
  if (typeof trigger === 'string') throw new SlackApiError(trigger);
  return trigger;
}

function requireCurrentHash(args: MethodArgs, current: StandInView): void {
  const hash = args.string('hash');
  if (hash !== undefined && hash !== current.view.hash) throw new SlackApiError('hash_conflict');
}

export const viewMethods: MethodTable = {
  'views.open': (args, state) => {
    const view = viewArg(args, state, 'modal');
    const { userId } = exchangeTrigger(args, state);
    return { view: state.views.open(userId, view).view };
  },

  'views.push': (args, state) => {
    const view = viewArg(args, state, 'modal');
    const { userId } = exchangeTrigger(args, state);
    const stack = state.views.stack(userId);
    if (stack.length === 0) throw new SlackApiError('invalid_arguments');
    if (stack.length >= MAX_VIEW_STACK) throw new SlackApiError('push_limit_reached');
    return { view: state.views.push(userId, view)!.view };
  },

  'views.update': (args, state) => {
    const viewId = args.string('view_id');
    const externalId = args.string('external_id');
    if (viewId === undefined && externalId === undefined) throw new SlackApiError('invalid_arguments');
    const current =
      viewId === undefined ? state.views.openByExternalId(externalId!) : state.views.get(viewId);
    if (!current?.open) throw new SlackApiError('not_found');
    const view = viewArg(args, state, current.view.type === 'home' ? 'home' : 'modal', current.view.id);
    requireCurrentHash(args, current);
    return { view: state.views.replace(current.view.id, view)!.view };
  },

  'views.publish': (args, state) => {
    const userId = args.required('user_id', 'user_not_found');
    if (!state.directory.user(userId)) throw new SlackApiError('user_not_found');
    if (!state.world.homeTabEnabled) throw new SlackApiError('not_enabled');
    const current = state.views.home(userId);
    const view = viewArg(args, state, 'home', current?.view.id);
    if (current) requireCurrentHash(args, current);
    return { view: state.views.publishHome(userId, view).view };
  },
};
