/**
 * Everything the bot posted or updated in the Slack stand-in, keyed by the notification ID the bot
 * puts in each message's metadata (`<requestId>:card|approval|outcome`, or `<batchId>:…` for a
 * batch's). Counting posts per ID is how a crash run proves a message was updated in place and
 * never posted twice.
 */
import type { SlackChange, SlackMessage, SlackStandIn } from '../../src/local/slack/index.ts';
import { batchStatusWords } from '../../src/slack/blocks/batch-text.ts';
import { statusLabel } from '../../src/slack/blocks/request-text.ts';
import {
  APPROVE_ACTION_ID,
  APPROVE_BATCH_ACTION_ID,
  CANCEL_ACTION_ID,
  CANCEL_BATCH_ACTION_ID,
  NOTIFICATION_EVENT_TYPE,
} from '../../src/slack/slack-ids.ts';
import { type BatchStatus, FINAL_BATCH_STATUSES } from '../../src/workflow/batch/copy-batch-view.ts';
import { FINAL_STATUSES, type RequestStatus } from '../../src/workflow/request-view.ts';

export interface LedgerEntry {
  channelId: string;
  /** Every post carrying this ID; more than one is a duplicate. */
  posts: string[];
  /** The message as it looks now. */
  message: SlackMessage;
  /** Epoch ms of the first post. */
  firstPostedAt: number;
}

/** The card's fallback text ends with the status label without its emoji, as the card builds it. */
const cardLabel = (status: RequestStatus) => statusLabel(status).replace(/^:[a-z_]+: /, '');
/** A batch's card: `sb-` and ten base32 characters; its items' IDs (`sb-…-001`) never get one. */
const BATCH_CARD = /^sb-[a-z2-7]{10}:card$/;
const FINAL_BATCH_WORDS = new Map(FINAL_BATCH_STATUSES.map((status) => [batchStatusWords(status), status]));
const FINAL_LABELS = new Map(FINAL_STATUSES.map((status) => [cardLabel(status), status]));

export class SlackLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly unsubscribe: () => void;

  constructor(slack: SlackStandIn) {
    this.unsubscribe = slack.onChange((change) => this.note(change));
  }

  entry(notificationId: string): LedgerEntry | undefined {
    return this.entries.get(notificationId);
  }

  notificationIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Batches whose card is posted, in the order their cards first appeared. */
  batchIds(): string[] {
    return this.notificationIds()
      .filter((id) => BATCH_CARD.test(id))
      .map((id) => id.slice(0, -':card'.length));
  }

  /** The request whose card names this copy, once the card is posted. */
  requestIdByCopyName(name: string): string | undefined {
    for (const [id, entry] of this.entries) {
      if (id.endsWith(':card') && JSON.stringify(entry.message.blocks ?? []).includes(name)) {
        return id.slice(0, -':card'.length);
      }
    }
    return undefined;
  }

  /** The final status the card shows, or undefined while it shows an open one. */
  cardFinalStatus(requestId: string): RequestStatus | undefined {
    const card = this.entries.get(`${requestId}:card`);
    return FINAL_LABELS.get(card?.message.text.split(': ').at(-1) ?? '');
  }

  cardShows(requestId: string, status: RequestStatus): boolean {
    return this.entries.get(`${requestId}:card`)?.message.text.endsWith(`: ${cardLabel(status)}`) === true;
  }

  /** The approval message still offers Approve / Reject. */
  awaitsDecision(requestId: string): boolean {
    return hasAction(this.entries.get(`${requestId}:approval`)?.message, APPROVE_ACTION_ID);
  }

  cardOffersCancel(requestId: string): boolean {
    return hasAction(this.entries.get(`${requestId}:card`)?.message, CANCEL_ACTION_ID);
  }

  /** Ended as a person sees it: the card is final, the outcome is posted, no decision is offered. */
  hasEnded(requestId: string): boolean {
    return (
      this.cardFinalStatus(requestId) !== undefined &&
      this.entries.has(`${requestId}:outcome`) &&
      !this.awaitsDecision(requestId)
    );
  }

  /** The final status a batch's card shows (its text ends with the status in words), or undefined. */
  batchCardFinalStatus(batchId: string): BatchStatus | undefined {
    const card = this.entries.get(`${batchId}:card`);
    return FINAL_BATCH_WORDS.get(card?.message.text.split(': ').at(-1) ?? '');
  }

  /** The batch's approval message still offers Approve / Reject. */
  awaitsBatchDecision(batchId: string): boolean {
    return hasAction(this.entries.get(`${batchId}:approval`)?.message, APPROVE_BATCH_ACTION_ID);
  }

  batchCardOffersCancel(batchId: string): boolean {
    return hasAction(this.entries.get(`${batchId}:card`)?.message, CANCEL_BATCH_ACTION_ID);
  }

  /** How many items the batch's card counts as done ("3 done · 2 copying · …"); 0 before it says. */
  batchItemsDone(batchId: string): number {
    const blocks = JSON.stringify(this.entries.get(`${batchId}:card`)?.message.blocks ?? []);
    return Number(/(\d+) done/.exec(blocks)?.[1] ?? 0);
  }

  batchHasEnded(batchId: string): boolean {
    return (
      this.batchCardFinalStatus(batchId) !== undefined &&
      this.entries.has(`${batchId}:outcome`) &&
      !this.awaitsBatchDecision(batchId)
    );
  }

  close(): void {
    this.unsubscribe();
  }

  private note(change: SlackChange): void {
    if (change.type !== 'message_posted' && change.type !== 'message_updated') return;
    const { message, channelId } = change;
    const id = notificationIdOf(message);
    if (!message.bot_id || !id) return;
    const entry = this.entries.get(id) ?? { channelId, posts: [], message, firstPostedAt: Date.now() };
    if (change.type === 'message_posted') entry.posts.push(message.ts);
    entry.message = message;
    entry.channelId = channelId;
    this.entries.set(id, entry);
  }
}

function notificationIdOf(message: SlackMessage): string | undefined {
  const { metadata } = message;
  if (metadata?.event_type !== NOTIFICATION_EVENT_TYPE) return undefined;
  const id = metadata.event_payload.notification_id;
  return typeof id === 'string' ? id : undefined;
}

function hasAction(message: SlackMessage | undefined, actionId: string): boolean {
  return JSON.stringify(message?.blocks ?? []).includes(`"action_id":"${actionId}"`);
}
