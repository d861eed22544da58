/** The window (oldest/latest/inclusive) and cursor paging shared by conversations.history and replies. */
import type { SlackMessage } from '../message-store.ts';
import type { MethodArgs } from './method-args.ts';
import { SlackApiError } from './slack-api-error.ts';

/** Compares "<seconds>.<micros>" exactly; floats lose the last digits. */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = '0'] = a.split('.');
  const [bSeconds = '0', bMicros = '0'] = b.split('.');
  return (
    Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, '0')) - Number(bMicros.padEnd(6, '0'))
  );
}

function inWindow(args: MethodArgs) {
  const oldest = args.string('oldest');
  const latest = args.string('latest');
  const inclusive = args.boolean('inclusive');
  return (message: SlackMessage) => {
    const afterOldest = oldest === undefined || compareTs(message.ts, oldest) > (inclusive ? -1 : 0);
    const beforeLatest = latest === undefined || compareTs(message.ts, latest) < (inclusive ? 1 : 0);
    return afterOldest && beforeLatest;
  };
}

const MAX_LIMIT = 999;
const CURSOR_PREFIX = 'next_offset:';

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = Number(decoded.slice(CURSOR_PREFIX.length));
  if (!decoded.startsWith(CURSOR_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new SlackApiError('invalid_cursor');
  }
  return offset;
}

/** One page of `messages` (already in answer order); metadata only when asked for, as in Slack. */
export function messagePage(messages: SlackMessage[], args: MethodArgs) {
  const limit = Math.min(Math.max(args.number('limit', 100), 1), MAX_LIMIT);
  const offset = offsetOf(args.string('cursor'));
  const matching = messages.filter(inWindow(args));
  const page = matching.slice(offset, offset + limit);
  const withMetadata = args.boolean('include_all_metadata');
  const hasMore = offset + limit < matching.length;
  return {
    messages: page.map(({ metadata, ...message }) =>
      withMetadata && metadata ? { ...message, metadata } : message,
    ),
    has_more: hasMore,
    response_metadata: {
      next_cursor: hasMore ? Buffer.from(`${CURSOR_PREFIX}${offset + limit}`).toString('base64') : '',
    },
  };
}
