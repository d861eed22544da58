/**
 * One batch's people: the requester asks for every disk of an instance (`/snapcopy instance
 * <id>`, the modal pre-filled in instance mode), an approver approves the batch once on its
 * approval message, and for `batchCancel` the requester cancels it from the card once the card
 * counts a finished item. Clicks the bot does not show are repeated as a single request's are.
 */
import {
  APPROVE_BATCH_ACTION_ID,
  CANCEL_BATCH_ACTION_ID,
  REQUEST_FIELD_INPUTS as INPUT,
} from '../../src/slack/slack-ids.ts';
import type { BatchScript } from './batch-scripts.ts';
import { type PersonContext, pause, playPart, until } from './person-context.ts';
import { SOURCE_REGION } from './request-scripts.ts';
import { awaitRequestId, type Submission, submitModal } from './request-submission.ts';
import {
  APPROVER,
  type Click,
  clickUntilShown,
  type PersonPhase,
  type PersonTiming,
} from './scripted-person.ts';

export interface BatchPersonReport {
  script: BatchScript;
  batchId?: string;
  submission?: Submission;
  lostAfterSubmission: boolean;
  clicks: Click[];
  error?: string;
}

export class BatchPerson {
  phase: PersonPhase = 'waiting';
  readonly report: BatchPersonReport;

  constructor(
    private readonly context: PersonContext,
    readonly script: BatchScript,
    private readonly timing: PersonTiming,
  ) {
    this.report = { script, lostAfterSubmission: false, clicks: [] };
  }

  /** A batch someone will decide on is being made or awaits approval, so a long outage could expire it. */
  get decisionUnderWay(): boolean {
    return this.phase !== 'waiting' && this.phase !== 'settled';
  }

  async run(): Promise<BatchPersonReport> {
    await playPart(this.context, this.script.startAfterMs, () => this.act(), this.report);
    this.phase = 'settled';
    return this.report;
  }

  private async act(): Promise<void> {
    const { context, script, report, timing } = this;
    const { ledger } = context;
    this.phase = 'submitting';
    report.submission = await submitModal(context, {
      label: `batch ${script.index}`,
      userId: script.requesterId,
      commandText: `instance ${script.instanceId}`,
      picks: [
        { input: INPUT.sourceRegionId, value: SOURCE_REGION },
        { input: INPUT.destinationRegionId, value: script.destinationRegionId },
        { input: INPUT.copyType, value: 'copy' },
      ],
      typed: [
        { input: INPUT.name, value: script.name },
        { input: INPUT.reason, value: `crash drill, batch ${script.index}` },
      ],
    });
    this.phase = 'awaitingCard';
    // The batch card names the instance it copies; no other card does.
    const batchId = await awaitRequestId(context, { name: script.instanceId }, timing.cardWaitMs);
    if (!batchId) {
      report.lostAfterSubmission = report.submission.refusedAgain === undefined;
      return;
    }
    report.batchId = batchId;
    this.phase = 'acting';
    const ready = (moment: () => boolean) =>
      until(context, () => moment() || ledger.batchCardFinalStatus(batchId) !== undefined);
    await ready(() => ledger.awaitsBatchDecision(batchId));
    await pause(context, script.thinkMs);
    await clickUntilShown(
      context,
      timing,
      report.clicks,
      () => !ledger.awaitsBatchDecision(batchId),
      () => this.click(batchId, 'approval', APPROVER, APPROVE_BATCH_ACTION_ID),
    );
    if (script.kind !== 'batchCancel') return;
    await ready(() => ledger.batchItemsDone(batchId) > 0);
    await pause(context, script.thinkMs);
    await clickUntilShown(
      context,
      timing,
      report.clicks,
      () => !ledger.batchCardOffersCancel(batchId),
      () => this.click(batchId, 'card', script.requesterId, CANCEL_BATCH_ACTION_ID),
    );
  }

  private async click(batchId: string, slot: 'approval' | 'card', userId: string, actionId: string) {
    const entry = this.context.ledger.entry(`${batchId}:${slot}`);
    if (!entry) return false;
    const reply = await this.context.slack.driver.clickButton({
      userId,
      channelId: entry.channelId,
      messageTs: entry.message.ts,
      actionId,
    });
    return reply.status === 200;
  }
}
