/** trigger_ids as Slack hands them out: tied to one user's interaction, valid 3 s, exchanged once. */
import type { Clock, SlackIds } from './slack-ids.ts';

export const TRIGGER_LIFETIME_MS = 3000;

export type TriggerRefusal = 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';

export interface Trigger {
  userId: string;
  /** Set when the interaction happened inside a modal, which views.push stacks onto. */
  viewId?: string;
}

interface IssuedTrigger extends Trigger {
  expiresAt: number;
  exchanged: boolean;
}

export class TriggerIds {
  private readonly issued = new Map<string, IssuedTrigger>();

  constructor(
    private readonly ids: SlackIds,
    private readonly clock: Clock,
  ) {}

  issue(trigger: Trigger): string {
    const id = this.ids.triggerId();
    this.issued.set(id, { ...trigger, expiresAt: this.clock() + TRIGGER_LIFETIME_MS, exchanged: false });
    return id;
  }

  exchange(triggerId: string): Trigger | TriggerRefusal {
    const trigger = this.issued.get(triggerId);
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.exchanged) return 'exchanged_trigger_id';
    if (this.clock() > trigger.expiresAt) return 'expired_trigger_id';
    trigger.exchanged = true;
    const { userId, viewId } = trigger;
    return viewId === undefined ? { userId } : { userId, viewId };
  }
}
