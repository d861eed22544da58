/**
 * The durable wait behind approval expiry and retry back-off. XState's `after` timers are not
 * restored with a snapshot (reference/xstate-keyv.md §3), so the absolute deadline lives in the
 * context and this actor, restarted on every restore, arms a timer for whatever time is left.
 */
import { fromCallback } from 'xstate';
import { atTime, type Clock } from './clock.ts';
import type { CopyRequestEvent, DeadlineInput } from './copy-request-context.ts';

export function createDeadlineTimer(clock: Clock) {
  return fromCallback<CopyRequestEvent, DeadlineInput>(({ input, sendBack }) =>
    atTime(clock, input.until, () => sendBack({ type: 'DEADLINE', at: clock.now() })),
  );
}
