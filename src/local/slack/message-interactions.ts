/** The driver's message side: slash commands, buttons in messages, the Home tab opening, people posting. */
import type { AppReply } from './app-delivery.ts';
import { actorOf, conversationFor, type DriverContext, elementIn } from './driver-context.ts';
import {
  actionOf,
  appHomeOpenedEnvelope,
  commandFields,
  messageActionPayload,
} from './interaction-payloads.ts';
import { isJsonObject } from './json-values.ts';
import type { SlackMessage } from './message-store.ts';
import type { ResponseTarget } from './response-urls.ts';
import { dismissModals } from './view-interactions.ts';
import { stateValues } from './view-state-values.ts';

export interface SlashCommandInput {
  userId: string;
  channelId: string;
  text?: string;
  /** Default `/snapcopy`. */
  command?: string;
}

/** What the app answered, plus the trigger_id and response_url it was given. */
export interface InteractionReply extends AppReply {
  triggerId: string;
  responseUrl?: string;
}

export interface MessageClickInput {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  blockId?: string;
  /** Picks the button with this value when several share the action_id. */
  value?: string;
}

export interface UserMessageInput {
  userId: string;
  channelId: string;
  text: string;
  threadTs?: string;
}

export async function slashCommand(
  context: DriverContext,
  input: SlashCommandInput,
): Promise<InteractionReply> {
  const actor = actorOf(context, input.userId);
  const channel = conversationFor(context, input.channelId, input.userId);
  await dismissModals(context, input.userId);
  const triggerId = context.state.triggers.issue({ userId: input.userId });
  const target: ResponseTarget = { userId: input.userId, channelId: channel.id, followsLatest: true };
  const responseUrl = context.responseUrls.issue(target);
  const fields = commandFields(actor, {
    channel,
    command: input.command ?? '/snapcopy',
    text: input.text ?? '',
    responseUrl,
    triggerId,
  });
  const reply = await context.delivery.command(fields, context.signing);
  // The ack body is the command's first reply: ephemeral text, or JSON with blocks / response_type.
  if (reply.status === 200 && (typeof reply.body === 'string' || isJsonObject(reply.body))) {
    context.responseUrls.apply(target, typeof reply.body === 'string' ? { text: reply.body } : reply.body);
  }
  return { ...reply, triggerId, responseUrl };
}

export async function clickButton(
  context: DriverContext,
  input: MessageClickInput,
): Promise<InteractionReply> {
  const { state } = context;
  const actor = actorOf(context, input.userId);
  const channel = conversationFor(context, input.channelId, input.userId);
  const ephemeral = state.messages.findEphemeral(input.userId, input.messageTs);
  const message =
    ephemeral?.channel === channel.id ? ephemeral : state.messages.find(channel.id, input.messageTs);
  if (!message) throw new Error(`no message ${input.messageTs} in ${channel.id} for ${input.userId}`);
  const placed = elementIn(message.blocks, input, `message ${message.ts}`);
  if (placed.element.type !== 'button')
    throw new Error(`${placed.actionId} is a ${String(placed.element.type)}, not a button`);
  await dismissModals(context, input.userId);
  const isEphemeral = message === ephemeral;
  const triggerId = state.triggers.issue({ userId: input.userId });
  const responseUrl = context.responseUrls.issue({
    userId: input.userId,
    channelId: channel.id,
    original: { ts: message.ts, ephemeral: isEphemeral },
    followsLatest: false,
  });
  const payload = messageActionPayload(actor, {
    channel,
    message,
    ephemeral: isEphemeral,
    action: actionOf(placed, undefined, state.ids.nextTs()),
    values: stateValues(message.blocks, new Map()),
    responseUrl,
    triggerId,
  });
  return { ...(await context.delivery.interaction(payload, context.signing)), triggerId, responseUrl };
}

/** The user opens the app's Home tab; the event carries the published view, if any. */
export async function openHome(context: DriverContext, userId: string): Promise<AppReply> {
  const { state } = context;
  actorOf(context, userId);
  await dismissModals(context, userId);
  const channelId = state.directory.openDirectMessage(userId).conversation.id;
  const view = state.views.home(userId)?.view;
  const eventTs = state.ids.nextTs();
  const envelope = appHomeOpenedEnvelope(state.world, {
    userId,
    channelId,
    eventId: `Ev${eventTs.replace('.', '')}`,
    eventTs,
    ...(view ? { view } : {}),
  });
  return context.delivery.event(envelope, context.signing);
}

/** A person writes in a conversation (the app does not subscribe to message events, so none is sent). */
export function postUserMessage(context: DriverContext, input: UserMessageInput): SlackMessage {
  actorOf(context, input.userId);
  const channel = conversationFor(context, input.channelId, input.userId);
  return context.state.messages.post(channel.id, {
    text: input.text,
    user: input.userId,
    ...(input.threadTs === undefined ? {} : { threadTs: input.threadTs }),
  });
}
