/**
 * Turns what happened to a request's actor into audit entries: who did what, from which state to
 * which, and the cloud request IDs of the calls involved, for every transition and decision.
 */
import type { AnyEventObject } from 'xstate';
import type { AuditEntry } from '../store/store.ts';

/** The bot's own steps are attributed to this name. */
export const BOT_ACTOR = 'snapcopy';

export interface ObservedChange {
  requestId: string;
  event: AnyEventObject;
  from: string;
  to: string;
  /** False when the event left the context untouched (a guard refused it). */
  contextChanged: boolean;
  at: number;
}

const DECISIONS: Record<string, string> = { APPROVE: 'approved', REJECT: 'rejected' };

function cloudRequestIdOf(event: AnyEventObject): string | undefined {
  const carrier = (event.output ?? event.error) as { cloudRequestId?: unknown } | undefined;
  return typeof carrier?.cloudRequestId === 'string' ? carrier.cloudRequestId : undefined;
}

export function auditEntryFor(change: ObservedChange): AuditEntry | undefined {
  const { event, from, to } = change;
  const moved = from !== to;
  if (!moved && !change.contextChanged) return undefined;
  const base = { requestId: change.requestId, at: change.at, from, to };
  const by = typeof event.by === 'string' ? event.by : undefined;
  if (by && event.type === 'CANCEL') {
    return { ...base, actor: by, action: to === 'cancelled' ? 'cancelled' : 'cancel.requested' };
  }
  const decision = DECISIONS[event.type];
  if (by && decision && moved) {
    const detail = typeof event.reason === 'string' ? { detail: { reason: event.reason } } : {};
    return { ...base, actor: by, action: decision, ...detail };
  }
  if (!moved) return undefined;
  const cloudRequestId = cloudRequestIdOf(event);
  return {
    ...base,
    actor: BOT_ACTOR,
    action: `state:${from}->${to}`,
    ...(cloudRequestId ? { cloudRequestIds: [cloudRequestId] } : {}),
  };
}
