/** The text, blocks and metadata of a message an app sends, checked against Slack's limits. */

import { withGeneratedIds } from '../block-elements.ts';
import { blockProblems, MAX_MESSAGE_BLOCKS_CHARS, MAX_MESSAGE_TEXT } from '../block-kit-limits.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import type { MessageMetadata } from '../message-store.ts';
import type { SlackIds } from '../slack-ids.ts';
import type { MethodArgs } from './method-args.ts';
import { refuseWithProblems, SlackApiError } from './slack-api-error.ts';

export interface MessageContent {
  text?: string;
  blocks?: JsonObject[];
  metadata?: MessageMetadata;
}

function metadataOf(args: MethodArgs): MessageMetadata | undefined {
  const metadata = args.object('metadata', 'invalid_metadata_format');
  if (metadata === undefined) return undefined;
  const { event_type: eventType, event_payload: eventPayload } = metadata;
  if (typeof eventType !== 'string' || !isJsonObject(eventPayload))
    throw new SlackApiError('invalid_metadata_schema');
  return { event_type: eventType, event_payload: eventPayload };
}

export function messageContent(args: MethodArgs, ids: SlackIds): MessageContent {
  const content: MessageContent = {};
  const text = args.string('text');
  if (text !== undefined) {
    if (text.length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
    content.text = text;
  }
  if (args.raw.blocks !== undefined) {
    const blocks = args.json('blocks', 'invalid_blocks_format');
    const problems = blockProblems(blocks, 'message');
    if (problems.length > 0) refuseWithProblems('invalid_blocks', problems);
    if (JSON.stringify(blocks).length > MAX_MESSAGE_BLOCKS_CHARS)
      throw new SlackApiError('msg_blocks_too_long');
    content.blocks = withGeneratedIds(blocks, ids);
  }
  const metadata = metadataOf(args);
  if (metadata) content.metadata = metadata;
  return content;
}

/** A new message needs something to show. */
export function requireVisibleContent(content: MessageContent): void {
  if (!content.text && !content.blocks?.length) throw new SlackApiError('no_text');
}
