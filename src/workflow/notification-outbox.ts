/**
 * The transactional outbox of one request: which message slots should show which revision of the
 * request, written in the same record as the state that caused them, and what was delivered.
 * A slot's revision grows whenever what it shows changes, so delivering it again after a crash
 * only updates the message (latest wins) instead of telling the story twice.
 */
import type { DeliveryReceipt, NotificationSlot } from './notifier.ts';
import { FINAL_STATUSES, type RequestStatus, type RequestView } from './request-view.ts';

/** `S`: the statuses of what the outbox speaks for (a request's, or a batch's). */
export interface SlotState<S extends string = RequestStatus> {
  /** The revision the slot should show. */
  revision: number;
  /** What that revision shows, to notice the next change. */
  contentKey: string;
  status: S;
  /** The last revision delivered; 0 before the first delivery. */
  delivered: number;
  deliveredStatus?: S;
  deliveredAt?: number;
  receipt?: DeliveryReceipt;
  /**
   * Set, and written, before the slot's message is posted, and cleared once the post is known to
   * have failed: only a set mark means an earlier post may have reached Slack with its receipt
   * lost, the one case worth searching the channel for. Records written before the mark existed
   * lack it, and are searched once.
   */
  postAttempted?: boolean;
}

export type Outbox<S extends string = RequestStatus> = Partial<Record<NotificationSlot, SlotState<S>>>;

/** Delivery order: the card first, so the other messages have something to point to. */
export const SLOT_ORDER: readonly NotificationSlot[] = ['card', 'approval', 'outcome'];

export function isFinalStatus(status: RequestStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** What each slot shows of the request; undefined when the request has no such message. */
function slotContent(slot: NotificationSlot, view: RequestView, hasSlot: boolean): unknown {
  switch (slot) {
    case 'card': {
      const { updatedAt: _changesOnEveryWrite, ...shown } = view;
      return shown;
    }
    case 'approval':
      return approvalSlotContent(view, hasSlot);
    case 'outcome':
      return isFinalStatus(view.status) ? { status: view.status } : undefined;
  }
}

/**
 * The approval message exists once the request or batch waited for a decision; after that it only
 * changes to say how the wait ended (decision, expiry, cancellation).
 */
export function approvalSlotContent(
  view: { status: string; approval: { decidedBy?: string } },
  hasSlot: boolean,
): unknown {
  if (!hasSlot && view.status !== 'awaitingApproval') return undefined;
  const phase =
    view.status === 'awaitingApproval' ? 'open' : view.approval.decidedBy ? 'decided' : view.status;
  return { approval: view.approval, phase };
}

export function planOutbox(view: RequestView, outbox: Outbox): Outbox {
  // The items of a batch tell nobody anything themselves: the batch's own outbox speaks for them.
  if (view.batch) return outbox;
  const contents = (slot: NotificationSlot) => slotContent(slot, view, outbox[slot] !== undefined);
  return planSlots(outbox, contents, view.status);
}

/** A new revision for every slot whose content (undefined: no such message) changed. */
export function planSlots<S extends string>(
  outbox: Outbox<S>,
  contentOf: (slot: NotificationSlot) => unknown,
  status: S,
): Outbox<S> {
  const planned: Outbox<S> = { ...outbox };
  for (const slot of SLOT_ORDER) {
    const current = outbox[slot];
    const content = contentOf(slot);
    if (content === undefined) continue;
    const contentKey = JSON.stringify(content);
    if (current?.contentKey === contentKey) continue;
    planned[slot] = {
      ...(current ?? { delivered: 0, postAttempted: false }),
      revision: (current?.revision ?? 0) + 1,
      contentKey,
      status,
    };
  }
  return planned;
}

export function markDelivered<S extends string>(
  outbox: Outbox<S>,
  slot: NotificationSlot,
  delivery: { revision: number; status: S; receipt: DeliveryReceipt; at: number },
): Outbox<S> {
  const current = outbox[slot];
  if (!current || current.delivered >= delivery.revision) return outbox;
  return {
    ...outbox,
    [slot]: {
      ...current,
      delivered: delivery.revision,
      deliveredStatus: delivery.status,
      deliveredAt: delivery.at,
      receipt: delivery.receipt,
      postAttempted: false,
    },
  };
}

export function markPostAttempt<S extends string>(
  outbox: Outbox<S>,
  slot: NotificationSlot,
  attempted: boolean,
): Outbox<S> {
  const current = outbox[slot];
  if (!current || current.receipt || current.postAttempted === attempted) return outbox;
  return { ...outbox, [slot]: { ...current, postAttempted: attempted } };
}

/** Whether a post of the slot, now about to be made, may repeat one that reached Slack. */
export function mayHavePosted(state: SlotState<string> | undefined): boolean {
  return state?.postAttempted !== false;
}

/** Slots whose latest revision has not been delivered yet. */
export function undeliveredSlots(outbox: Outbox<string>): number {
  return SLOT_ORDER.filter((slot) => {
    const state = outbox[slot];
    return state !== undefined && state.delivered < state.revision;
  }).length;
}

export function isDrained(outbox: Outbox<string>): boolean {
  return undeliveredSlots(outbox) === 0;
}
