/** What a request modal's submission hands its single-snapshot and batch paths alike. */
import type { AckFn, ViewResponseAction } from '@slack/bolt';
import type { Requester } from '../../../domain/copy-request.ts';
import { userText } from '../../blocks/slack-text.ts';
import type { ReplyTarget } from '../../user-replies.ts';

/** What remains of Slack's three seconds after the pre-submit check's budget. */
export const SUBMIT_STORE_BUDGET_MS = 700;

export interface Submission {
  ack: AckFn<ViewResponseAction>;
  /** Input blocks of the submitted view: inline errors may only name these. */
  present: Set<string>;
  requester: Requester;
  reply: ReplyTarget;
  /** The view ID: a submission Slack sends again is the same request. */
  submissionId: string;
}

export function refusedMessage(what: string, refusals: { message: string }[]): string {
  const lines = refusals.map((r) => `• ${userText(r.message, 500)}`).join('\n');
  return `Your ${what} was refused:\n${lines}`;
}
