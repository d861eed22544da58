/** The driver's modal and Home tab side: entering values, clicking, submitting, closing, searching. */
import type { AppReply } from './app-delivery.ts';
import { offeredOptions, type PlacedElement } from './block-elements.ts';
import { actorOf, type DriverContext, elementIn } from './driver-context.ts';
import {
  actionOf,
  blockSuggestionPayload,
  viewActionPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './interaction-payloads.ts';
import { isJsonObject, type JsonObject, objectsIn } from './json-values.ts';
import type { InteractionReply } from './message-interactions.ts';
import { enteredState, type InputValue } from './view-state-values.ts';
import type { StandInView } from './view-store.ts';
import { applySubmissionReply, type SubmissionResult } from './view-submission.ts';

export interface ViewElementInput {
  userId: string;
  viewId: string;
  actionId: string;
  blockId?: string;
  /** For a click: picks the button with this value when several share the action_id. */
  value?: string;
}

export interface ViewValueInput extends Omit<ViewElementInput, 'value'> {
  value: InputValue;
}

/** Values to enter before submitting, shaped like `state.values`: block_id → action_id → value. */
export type ViewValues = Record<string, Record<string, InputValue>>;

export interface SubmitViewInput {
  userId: string;
  viewId: string;
  values?: ViewValues;
}

export interface CloseViewResult {
  /** The app's answer, when the view asked to be told (`notify_on_close`). */
  reply?: AppReply;
  closed: StandInView[];
}

export interface SuggestOptionsInput {
  userId: string;
  viewId: string;
  actionId: string;
  blockId?: string;
  query: string;
}

export interface SuggestionResult extends AppReply {
  /** False when the query is shorter than the element's min_query_length, so Slack asks nothing. */
  sent: boolean;
  options: JsonObject[];
  optionGroups: JsonObject[];
}

/** The user's open view (a modal in their stack, or their Home tab). */
function viewOf(context: DriverContext, userId: string, viewId: string): StandInView {
  const found = context.state.views.get(viewId);
  if (!found || found.userId !== userId || !found.open)
    throw new Error(`${userId} has no open view ${viewId}`);
  return found;
}

function enter(context: DriverContext, input: ViewValueInput): { placed: PlacedElement; state: JsonObject } {
  const { views } = context.state;
  const view = viewOf(context, input.userId, input.viewId);
  const target =
    input.blockId === undefined
      ? { actionId: input.actionId }
      : { actionId: input.actionId, blockId: input.blockId };
  const placed = elementIn(view.view.blocks, target, `view ${input.viewId}`);
  const suggested = views.suggestions(input.viewId, placed.blockId, placed.actionId);
  const state = enteredState(placed, input.value, suggested);
  views.setEntry(input.viewId, placed.blockId, placed.actionId, state);
  return { placed, state };
}

async function sendViewAction(context: DriverContext, userId: string, viewId: string, action: JsonObject) {
  const triggerId = context.state.triggers.issue({ userId, viewId });
  const view = viewOf(context, userId, viewId).view;
  const payload = viewActionPayload(actorOf(context, userId), { view, action, triggerId });
  return { ...(await context.delivery.interaction(payload, context.signing)), triggerId };
}

/** Types or picks a value without telling the app, as Slack does for inputs without dispatch_action. */
export function setInputValue(context: DriverContext, input: ViewValueInput): void {
  actorOf(context, input.userId);
  enter(context, input);
}

/**
 * Picks a value and, where Slack would (selects in actions blocks and accessories, inputs with
 * dispatch_action), sends block_actions with the view's new state. Undefined when nothing is sent.
 */
export async function selectInView(
  context: DriverContext,
  input: ViewValueInput,
): Promise<InteractionReply | undefined> {
  actorOf(context, input.userId);
  const { placed, state } = enter(context, input);
  if (!placed.dispatchesActions) return undefined;
  return sendViewAction(
    context,
    input.userId,
    input.viewId,
    actionOf(placed, state, context.state.ids.nextTs()),
  );
}

export async function clickViewAction(
  context: DriverContext,
  input: ViewElementInput,
): Promise<InteractionReply> {
  actorOf(context, input.userId);
  const view = viewOf(context, input.userId, input.viewId);
  const placed = elementIn(view.view.blocks, input, `view ${input.viewId}`);
  if (placed.element.type !== 'button')
    throw new Error(`${placed.actionId} is not a button: use selectInView`);
  return sendViewAction(
    context,
    input.userId,
    input.viewId,
    actionOf(placed, undefined, context.state.ids.nextTs()),
  );
}

export async function submitView(context: DriverContext, input: SubmitViewInput): Promise<SubmissionResult> {
  const actor = actorOf(context, input.userId);
  const { userId, viewId } = input;
  if (context.state.views.stack(userId).at(-1)?.view.id !== viewId) {
    throw new Error(`${viewId} is not the modal ${userId} sees on top`);
  }
  for (const [blockId, byAction] of Object.entries(input.values ?? {})) {
    for (const [actionId, value] of Object.entries(byAction))
      enter(context, { userId, viewId, blockId, actionId, value });
  }
  const submitted = viewOf(context, userId, viewId);
  const triggerId = context.state.triggers.issue({ userId, viewId });
  const payload = viewSubmissionPayload(actor, { view: submitted.view, triggerId });
  const reply = await context.delivery.interaction(payload, context.signing);
  return applySubmissionReply(context.state, submitted, reply);
}

/** The user closes the modal (X / Close); with clear_on_close the whole stack goes. */
export async function closeView(
  context: DriverContext,
  input: { userId: string; viewId: string },
): Promise<CloseViewResult> {
  const actor = actorOf(context, input.userId);
  const { view } = viewOf(context, input.userId, input.viewId);
  if (view.type !== 'modal') throw new Error(`${input.viewId} is not a modal`);
  const isCleared = view.clear_on_close === true;
  const closed = isCleared
    ? context.state.views.clear(input.userId)
    : context.state.views.close(input.viewId);
  if (view.notify_on_close !== true) return { closed };
  const reply = await context.delivery.interaction(
    viewClosedPayload(actor, { view, isCleared }),
    context.signing,
  );
  return { reply, closed };
}

/**
 * A modal covers Slack's whole window: to type a command, click a message or open the Home tab a
 * person first closes their open modals, one by one from the top, each telling the app if asked to.
 */
export async function dismissModals(context: DriverContext, userId: string): Promise<void> {
  for (
    let top = context.state.views.stack(userId).at(-1);
    top;
    top = context.state.views.stack(userId).at(-1)
  ) {
    await closeView(context, { userId, viewId: top.view.id });
  }
}

const DEFAULT_MIN_QUERY_LENGTH = 3;

export async function suggestOptions(
  context: DriverContext,
  input: SuggestOptionsInput,
): Promise<SuggestionResult> {
  const actor = actorOf(context, input.userId);
  const { view } = viewOf(context, input.userId, input.viewId);
  const placed = elementIn(view.blocks, input, `view ${input.viewId}`);
  if (!String(placed.element.type).includes('external'))
    throw new Error(`${placed.actionId} is not an external select`);
  const minimum = Number(placed.element.min_query_length ?? DEFAULT_MIN_QUERY_LENGTH);
  if (input.query.length < minimum)
    return { status: 0, body: undefined, sent: false, options: [], optionGroups: [] };
  const payload = blockSuggestionPayload(actor, {
    view,
    blockId: placed.blockId,
    actionId: placed.actionId,
    query: input.query,
  });
  const reply = await context.delivery.interaction(payload, context.signing);
  const body = isJsonObject(reply.body) ? reply.body : {};
  const options = objectsIn(body.options);
  const optionGroups = objectsIn(body.option_groups);
  const offered = offeredOptions({ options, option_groups: optionGroups });
  context.state.views.rememberSuggestions(input.viewId, placed.blockId, placed.actionId, offered);
  return { ...reply, sent: true, options, optionGroups };
}
