/** What the driver's parts share: the workspace, the way to the app, response URLs and how to sign. */
import type { AppDelivery } from './app-delivery.ts';
import { type ElementTarget, findElement, type PlacedElement } from './block-elements.ts';
import type { Actor } from './interaction-payloads.ts';
import type { SigningMode } from './request-signing.ts';
import type { ResponseUrls } from './response-urls.ts';
import type { SlackState } from './slack-state.ts';
import type { Conversation } from './workspace-directory.ts';

export interface DriverContext {
  state: SlackState;
  delivery: AppDelivery;
  responseUrls: ResponseUrls;
  signing: SigningMode;
}

/** The driver plays a person: asking for someone who does not exist is a mistake in the test. */
export function actorOf({ state }: DriverContext, userId: string): Actor {
  const user = state.directory.user(userId);
  if (!user) throw new Error(`no user ${userId} in the Slack stand-in's workspace`);
  return { world: state.world, user };
}

export function conversationFor({ state }: DriverContext, channelId: string, userId: string): Conversation {
  const conversation = state.directory.conversation(channelId);
  if (!conversation) throw new Error(`no conversation ${channelId} in the Slack stand-in's workspace`);
  if (!conversation.members.includes(userId)) throw new Error(`${userId} is not a member of ${channelId}`);
  return conversation;
}

export function elementIn(blocks: unknown, target: ElementTarget, where: string): PlacedElement {
  const placed = findElement(blocks, target);
  if (!placed) {
    const wanted = [target.blockId, target.actionId].filter(Boolean).join('/');
    throw new Error(
      `no element ${wanted}${target.value === undefined ? '' : ` with value "${target.value}"`} in ${where}`,
    );
  }
  return placed;
}
