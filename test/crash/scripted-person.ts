/**
 * One request's people: the requester files it and, per the script, an approver approves or
 * rejects it, or the requester cancels it while it awaits approval or while it copies. A click the
 * bot does not act on (it died) is repeated once the bot is back, as a person would do. Every click
 * is recorded with whether the bot acknowledged it, so the verdict can tell an acknowledged click
 * that a crash made the bot forget.
 */
import { DEFAULT_IDS } from '../../src/local/slack/index.ts';
import {
  APPROVE_ACTION_ID,
  CANCEL_ACTION_ID,
  REJECT_ACTION_ID,
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_INPUT,
} from '../../src/slack/slack-ids.ts';
import { BOT_LOST, botLost, botUp, type PersonContext, pause, playPart, until } from './person-context.ts';
import type { RequestScript } from './request-scripts.ts';
import { awaitRequestId, type Submission, submitRequest } from './request-submission.ts';

export const APPROVER = DEFAULT_IDS.approver;
export const REJECTER = DEFAULT_IDS.secondApprover;
export const REJECT_REASON = 'crash drill: this copy is not needed';

/**
 * waiting: not started; submitting: filling in and submitting the modal; awaitingCard: submitted,
 * looking for the card; acting: about to click or clicking; settled: nothing left to do.
 */
export type PersonPhase = 'waiting' | 'submitting' | 'awaitingCard' | 'acting' | 'settled';

export interface PersonReport {
  script: RequestScript;
  requestId?: string;
  submission?: Submission;
  /** Slack closed the modal, but no card came while the bot ran: the bot lost the request. */
  lostAfterSubmission: boolean;
  /** Approve / reject / cancel clicks, in order. */
  clicks: Click[];
  error?: string;
}

export interface Click {
  /** Epoch ms when the bot's answer came (or did not). */
  at: number;
  /** Slack got an ack (for a rejection: the reason modal closed). */
  acknowledged: boolean;
  /** The bot generation the click went to. */
  generation: number;
}

export interface PersonTiming {
  /** How long the bot may run after a submission before a missing card counts as a lost request. */
  cardWaitMs: number;
  /** How long a click may take to show before the person looks again. */
  clickWaitMs: number;
  /** After a restart, how long the bot gets to show an earlier click before the person clicks again. */
  redeliveryGraceMs: number;
}

export class ScriptedPerson {
  phase: PersonPhase = 'waiting';
  readonly report: PersonReport;

  constructor(
    private readonly context: PersonContext,
    readonly script: RequestScript,
    private readonly timing: PersonTiming,
  ) {
    this.report = { script, lostAfterSubmission: false, clicks: [] };
  }

  /** A request that a person will decide on exists or is being made, so a long outage could expire it. */
  get decisionUnderWay(): boolean {
    const decides = ['approve', 'reject', 'cancelAwaiting'].includes(this.script.kind);
    return decides && this.phase !== 'waiting' && this.phase !== 'settled';
  }

  async run(): Promise<PersonReport> {
    await playPart(this.context, this.script.startAfterMs, () => this.act(), this.report);
    this.phase = 'settled';
    return this.report;
  }

  private async act(): Promise<void> {
    const { context, script, report } = this;
    this.phase = 'submitting';
    report.submission = await submitRequest(context, script);
    this.phase = 'awaitingCard';
    const requestId = await awaitRequestId(context, script, this.timing.cardWaitMs);
    if (!requestId) {
      // After a refused repeat the person never saw the modal close, so no card is owed.
      report.lostAfterSubmission = report.submission.refusedAgain === undefined;
      return;
    }
    report.requestId = requestId;
    this.phase = 'acting';
    const { ledger } = context;
    // A request that ended some other way has nothing left to click; the verdict tells how it ended.
    const ready = (moment: () => boolean) =>
      until(context, () => moment() || ledger.cardFinalStatus(requestId) !== undefined);
    switch (script.kind) {
      case 'approve':
      case 'reject':
        await ready(() => ledger.awaitsDecision(requestId));
        await pause(context, script.thinkMs);
        await this.clickUntilShown(
          () => !ledger.awaitsDecision(requestId),
          script.kind === 'approve' ? () => this.approve(requestId) : () => this.reject(requestId),
        );
        return;
      case 'cancelAwaiting':
        await ready(() => ledger.awaitsDecision(requestId));
        await pause(context, script.thinkMs);
        await this.clickUntilShown(
          () => !ledger.cardOffersCancel(requestId),
          () => this.cancel(requestId),
        );
        return;
      case 'cancelCopy':
        await ready(() => ledger.cardShows(requestId, 'inProgress'));
        await pause(context, script.thinkMs);
        await this.clickUntilShown(
          () => !ledger.cardOffersCancel(requestId),
          () => this.cancel(requestId),
        );
        return;
      case 'automatic':
      case 'expire':
        return;
    }
  }

  private clickUntilShown(shown: () => boolean, click: () => Promise<boolean>): Promise<void> {
    return clickUntilShown(this.context, this.timing, this.report.clicks, shown, click);
  }

  private async approve(requestId: string): Promise<boolean> {
    const approval = this.context.ledger.entry(`${requestId}:approval`);
    if (!approval) return false;
    const reply = await this.context.slack.driver.clickButton({
      userId: APPROVER,
      channelId: approval.channelId,
      messageTs: approval.message.ts,
      actionId: APPROVE_ACTION_ID,
    });
    return reply.status === 200;
  }

  /** Reject opens a modal for the reason; the rejection is acknowledged when the modal closes. */
  private reject(requestId: string): Promise<boolean> {
    const { context } = this;
    return context.rejecterTurn(async () => {
      const approval = context.ledger.entry(`${requestId}:approval`);
      if (!approval) return false;
      const generation = context.bot.generation;
      const reply = await context.slack.driver.clickButton({
        userId: REJECTER,
        channelId: approval.channelId,
        messageTs: approval.message.ts,
        actionId: REJECT_ACTION_ID,
      });
      if (reply.status !== 200) return false;
      const modal = await until(
        context,
        () => {
          const top = context.slack.state.openViews(REJECTER).at(-1);
          return top?.view.callback_id === REJECT_MODAL_CALLBACK_ID ? top : botLost(context, generation);
        },
        this.timing.clickWaitMs,
      );
      if (!modal || modal === BOT_LOST) return false;
      const submitted = await context.slack.driver.submitView({
        userId: REJECTER,
        viewId: modal.view.id,
        values: { [REJECT_REASON_INPUT.blockId]: { [REJECT_REASON_INPUT.actionId]: REJECT_REASON } },
      });
      return submitted.outcome === 'closed';
    });
  }

  private async cancel(requestId: string): Promise<boolean> {
    const card = this.context.ledger.entry(`${requestId}:card`);
    if (!card) return false;
    const reply = await this.context.slack.driver.clickButton({
      userId: this.script.requesterId,
      channelId: card.channelId,
      messageTs: card.message.ts,
      actionId: CANCEL_ACTION_ID,
    });
    return reply.status === 200;
  }
}

/**
 * Clicks until `shown()`, recording each click. After the bot died with an acknowledged click not
 * shown yet, the new generation gets a grace period to show it (its outbox is delivered on start)
 * before the person clicks again.
 */
export async function clickUntilShown(
  context: PersonContext,
  timing: PersonTiming,
  clicks: Click[],
  shown: () => boolean,
  click: () => Promise<boolean>,
): Promise<void> {
  let unshownAck = false;
  for (;;) {
    await botUp(context);
    if (unshownAck) await until(context, shown, timing.redeliveryGraceMs);
    if (shown()) return;
    const generation = context.bot.generation;
    // The button can vanish between looking and clicking (the request moved on): no click then.
    const acknowledged = await click().catch(() => false);
    clicks.push({ at: Date.now(), acknowledged, generation });
    const outcome = await until(context, () => shown() || botLost(context, generation), timing.clickWaitMs);
    if (outcome === true) return;
    unshownAck = acknowledged && outcome === BOT_LOST;
  }
}
