/**
 * Text that goes into Block Kit: user-supplied text is escaped for mrkdwn and every string is
 * capped to the limit of the field it lands in, so no request can make Slack refuse a message.
 */
import type { types } from '@slack/bolt';

/** Block Kit limits (reference/slack.md §3), kept conservative where the docs disagree. */
export const LIMITS = {
  sectionText: 3000,
  field: 2000,
  header: 150,
  contextText: 2000,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  modalTitle: 24,
  modalButton: 24,
  confirmTitle: 100,
  confirmButton: 30,
  privateMetadata: 3000,
  messageBlocks: 50,
  /** Undocumented: Slack refuses a message whose blocks serialize past about this (bolt-js#2509). */
  messageBlocksChars: 13_000,
  viewBlocks: 100,
  staticOptions: 100,
} as const;

const ELLIPSIS = '…';

/** Shortens to at most max characters, marking the cut. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - 1)) + ELLIPSIS;
}

/** `&`, `<` and `>` are the only characters mrkdwn needs escaped; they stop links and mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped user text, capped without cutting an escape sequence in half. */
export function userText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return cap(escaped, max).replace(/&[a-z]*…$/, ELLIPSIS);
}

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** A mention for a Slack user ID; anything that is not one is shown as escaped text. */
export function mention(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

export function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: cap(text, max) || ' ', emoji: true };
}

function mrkdwnText(text: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
  return { type: 'mrkdwn', text: cap(text, max) || ' ' };
}

export function section(text: string, blockId?: string): types.SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: mrkdwnText(text) };
}

export function fieldsSection(fields: string[]): types.SectionBlock {
  return { type: 'section', fields: fields.slice(0, 10).map((field) => mrkdwnText(field, LIMITS.field)) };
}

export function context(...lines: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: lines.slice(0, 10).map((line) => mrkdwnText(line, LIMITS.contextText)),
  };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plainText(text, LIMITS.header) };
}

export const divider: types.DividerBlock = { type: 'divider' };
