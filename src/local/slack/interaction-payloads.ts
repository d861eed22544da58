/**
 * What Slack sends an app, shaped as in reference slack.md §2.4: slash command fields,
 * interactivity payloads (block_actions, view_submission, view_closed, block_suggestion) and the
 * app_home_opened event envelope.
 */
import type { PlacedElement } from './block-elements.ts';
import type { JsonObject } from './json-values.ts';
import type { EphemeralMessage, SlackMessage } from './message-store.ts';
import type { StateValues } from './view-state-values.ts';
import type { SlackView } from './view-store.ts';
import type { Conversation } from './workspace-directory.ts';
import type { SlackWorld, SlackWorldUser } from './world.ts';

/** Apps must not rely on the legacy verification token; Slack still sends one. */
const VERIFICATION_TOKEN = 'local-verification-token';

export interface Actor {
  world: SlackWorld;
  user: SlackWorldUser;
}

function envelope({ world, user }: Actor, type: string): JsonObject {
  return {
    type,
    team: { id: world.team.id, domain: world.team.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: world.team.id },
    api_app_id: world.appId,
    token: VERIFICATION_TOKEN,
    is_enterprise_install: false,
    enterprise: null,
  };
}

function channelRef(conversation: Conversation): JsonObject {
  return {
    id: conversation.id,
    name: conversation.dmUser === undefined ? conversation.name : 'directmessage',
  };
}

export function commandFields(
  { world, user }: Actor,
  input: { channel: Conversation; command: string; text: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: world.team.id,
    team_domain: world.team.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.dmUser === undefined ? input.channel.name : 'directmessage',
    user_id: user.id,
    user_name: user.name,
    command: input.command,
    text: input.text,
    api_app_id: world.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** The `actions[0]` of block_actions: the element, its identity and its new state (or a button's value). */
export function actionOf(placed: PlacedElement, state: JsonObject | undefined, actionTs: string): JsonObject {
  const { element } = placed;
  const described: JsonObject = { type: element.type, action_id: placed.actionId, block_id: placed.blockId };
  if (element.type === 'button') {
    described.text = element.text;
    if (element.value !== undefined) described.value = element.value;
    if (element.style !== undefined) described.style = element.style;
  } else if (state) {
    const { type: _type, ...fields } = state;
    Object.assign(described, fields);
  }
  return { ...described, action_ts: actionTs };
}

export function messageActionPayload(
  actor: Actor,
  input: {
    channel: Conversation;
    message: SlackMessage | EphemeralMessage;
    ephemeral: boolean;
    action: JsonObject;
    values: StateValues;
    responseUrl: string;
    triggerId: string;
  },
): JsonObject {
  const { channel: _channel, ...message } = input.message as EphemeralMessage;
  return {
    ...envelope(actor, 'block_actions'),
    trigger_id: input.triggerId,
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channel.id,
      is_ephemeral: input.ephemeral,
    },
    channel: channelRef(input.channel),
    // Slack does not send the message of an ephemeral: the app never stored it.
    ...(input.ephemeral ? {} : { message }),
    state: { values: input.values },
    response_url: input.responseUrl,
    actions: [input.action],
  };
}

export function viewActionPayload(
  actor: Actor,
  input: { view: SlackView; action: JsonObject; triggerId: string },
) {
  return {
    ...envelope(actor, 'block_actions'),
    trigger_id: input.triggerId,
    container: { type: 'view', view_id: input.view.id },
    view: input.view,
    actions: [input.action],
  };
}

export function viewSubmissionPayload(
  actor: Actor,
  input: { view: SlackView; triggerId: string },
): JsonObject {
  return {
    ...envelope(actor, 'view_submission'),
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
  };
}

export function viewClosedPayload(actor: Actor, input: { view: SlackView; isCleared: boolean }): JsonObject {
  return { ...envelope(actor, 'view_closed'), view: input.view, is_cleared: input.isCleared };
}

export function blockSuggestionPayload(
  actor: Actor,
  input: { view: SlackView; blockId: string; actionId: string; query: string },
): JsonObject {
  return {
    ...envelope(actor, 'block_suggestion'),
    container: { type: 'view', view_id: input.view.id },
    block_id: input.blockId,
    action_id: input.actionId,
    value: input.query,
    view: input.view,
  };
}

export function appHomeOpenedEnvelope(
  world: SlackWorld,
  input: { userId: string; channelId: string; eventId: string; eventTs: string; view?: SlackView },
): JsonObject {
  return {
    token: VERIFICATION_TOKEN,
    team_id: world.team.id,
    api_app_id: world.appId,
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(Number(input.eventTs)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: world.team.id,
        user_id: world.bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    event: {
      type: 'app_home_opened',
      user: input.userId,
      channel: input.channelId,
      tab: 'home',
      event_ts: input.eventTs,
      ...(input.view ? { view: input.view } : {}),
    },
  };
}
