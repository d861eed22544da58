/**
 * When a kill can prove that an approval deadline which passes while the bot is down still fires:
 * a request that must expire awaits approval, its deadline is close, and no other request a person
 * is about to decide could expire in the same outage. The deadline itself is not visible (the
 * messages show it to the minute), so it is bracketed: the bot set it one TTL after the request's
 * estimate, which came after the modal's first submit and before the approval message was posted.
 */
import type { ExpiryCandidate } from './crash-controller.ts';
import type { ScriptedPerson } from './scripted-person.ts';
import type { SlackLedger } from './slack-ledger.ts';

/** The expiry kill comes within this long before the earliest possible deadline... */
const KILL_WINDOW_MS = 6_000;
/** ...and it is not sent closer to the deadline than this, which a kill signal easily makes. */
const KILL_MARGIN_MS = 800;
/** A person's own request must leave them this long to decide after the restart. */
const DECISION_ROOM_MS = 10_000;
const RESTART_MARGIN_MS = 1_000;

interface Bracket {
  requestId: string;
  /** Before this the deadline cannot have passed. */
  earliest: number;
  /** By this the deadline has surely passed. */
  latest: number;
}

export class ExpiryWindow {
  constructor(
    private readonly people: readonly ScriptedPerson[],
    private readonly ledger: SlackLedger,
    private readonly approvalTtlMs: number,
  ) {}

  candidate(now = Date.now()): ExpiryCandidate | undefined {
    for (const bracket of this.awaitingExpiry()) {
      const left = bracket.earliest - now;
      if (left > KILL_WINDOW_MS || left < KILL_MARGIN_MS) continue;
      const restartAt = bracket.latest + RESTART_MARGIN_MS;
      if (this.people.every((person) => this.survives(person, restartAt))) {
        return { requestId: bracket.requestId, deadlinePassedAt: restartAt };
      }
    }
    return undefined;
  }

  private awaitingExpiry(): Bracket[] {
    const brackets: Bracket[] = [];
    for (const person of this.people) {
      if (person.script.kind !== 'expire') continue;
      const bracket = this.bracket(person);
      if (bracket && this.ledger.awaitsDecision(bracket.requestId)) brackets.push(bracket);
    }
    return brackets;
  }

  private bracket(person: ScriptedPerson): Bracket | undefined {
    const { requestId, submission } = person.report;
    const approval = requestId ? this.ledger.entry(`${requestId}:approval`) : undefined;
    if (!requestId || !submission || !approval) return undefined;
    return {
      requestId,
      earliest: submission.firstSubmitAt + this.approvalTtlMs,
      latest: approval.firstPostedAt + this.approvalTtlMs,
    };
  }

  /** The person's decision is done, not begun, or its request leaves room to decide after a restart. */
  private survives(person: ScriptedPerson, restartAt: number): boolean {
    if (!person.decisionUnderWay) return true;
    const bracket = person.phase === 'acting' ? this.bracket(person) : undefined;
    return bracket !== undefined && bracket.earliest > restartAt + DECISION_ROOM_MS;
  }
}
