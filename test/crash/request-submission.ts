/**
 * A requester files a request as in Slack: `/snapcopy`, fill the modal, submit. When the bot dies
 * meanwhile, the person carries on with the modal still open (Slack keeps it; the next generation
 * re-renders it on the next pick) and only types `/snapcopy` again when it is gone. A submission
 * Slack did not accept ("We had some trouble connecting") is sent again from the same modal, so
 * the bot sees one submission ID however often it is sent.
 */
import { DEFAULT_IDS, type StandInView } from '../../src/local/slack/index.ts';
import { REQUEST_FIELD_INPUTS as INPUT, REQUEST_MODAL_CALLBACK_ID } from '../../src/slack/slack-ids.ts';
import { BOT_LOST, botLost, botUp, type PersonContext, pause, until } from './person-context.ts';
import { type RequestScript, SOURCE_REGION } from './request-scripts.ts';

export interface Submission {
  viewId: string;
  /** Epoch ms of the first submit of this modal: the bot cannot have made the request earlier. */
  firstSubmitAt: number;
  /** Epoch ms when Slack closed the modal: from here on the requester counts on a request. */
  acceptedAt: number;
  /** The bot generation that closed it. */
  generation: number;
  /** How often the modal was opened with /snapcopy (more than once when the bot lost one). */
  opens: number;
  /** How often it was submitted before Slack closed it. */
  submits: number;
  /**
   * Inline errors the bot answered a repeated submit of the same modal with: the first submit had
   * reached the bot, Slack had given up waiting, and the person tried again.
   */
  refusedAgain?: string;
}

/** How far the person got with the modal on screen. */
interface ModalProgress {
  viewId?: string;
  /** Dispatching picks done, in order; a re-render the bot did not finish is done again. */
  picked: number;
  firstSubmitAt?: number;
  opens: number;
  submits: number;
}

/** How long one step of the modal (a re-render, the modal opening) may take before it is retried. */
const STEP_MS = 15_000;
const RETRY_PAUSE_MS = 250;

/**
 * What a requester does in the request modal, for one request or one batch: how the modal is
 * opened, the dispatching picks (each re-renders the modal), then the text typed in.
 */
export interface ModalForm {
  /** Names the form in errors: `request 3`, `batch 1`. */
  label: string;
  userId: string;
  /** What follows `/snapcopy`, e.g. `instance i-…`; empty opens the plain modal. */
  commandText?: string;
  /** In order; `suggest` asks for the external select's options first, as typing in it does. */
  picks: Array<{ input: { actionId: string }; value: string; suggest?: boolean }>;
  typed: Array<{ input: { actionId: string }; value: string | undefined }>;
}

export function submitRequest(context: PersonContext, script: RequestScript): Promise<Submission> {
  return submitModal(context, requestForm(script));
}

function requestForm(script: RequestScript): ModalForm {
  return {
    label: `request ${script.index}`,
    userId: script.requesterId,
    picks: [
      { input: INPUT.sourceRegionId, value: SOURCE_REGION },
      { input: INPUT.copyType, value: script.copyType },
      { input: INPUT.sourceSnapshotId, value: script.sourceSnapshotId, suggest: true },
      { input: INPUT.destinationRegionId, value: script.destinationRegionId },
    ],
    typed: [
      { input: INPUT.key, value: script.key },
      { input: INPUT.name, value: script.name },
      { input: INPUT.reason, value: `crash drill, request ${script.index}` },
    ],
  };
}

export async function submitModal(context: PersonContext, form: ModalForm): Promise<Submission> {
  const { userId } = form;
  const progress: ModalProgress = { picked: 0, opens: 0, submits: 0 };
  for (;;) {
    await botUp(context);
    const viewId = await fillModal(context, form, progress).catch(() => undefined);
    if (!viewId) {
      await pause(context, RETRY_PAUSE_MS);
      continue;
    }
    progress.firstSubmitAt ??= Date.now();
    progress.submits++;
    const generation = context.bot.generation;
    const result = await context.slack.driver.submitView({ userId, viewId }).catch(() => undefined);
    if (result?.outcome === 'closed') {
      const { firstSubmitAt, opens, submits } = progress;
      return { viewId, firstSubmitAt, acceptedAt: Date.now(), generation, opens, submits };
    }
    if (result?.outcome === 'errors') {
      const errors = JSON.stringify(context.slack.state.view(viewId)?.errors ?? {});
      if (progress.submits === 1) {
        throw new Error(`${form.label}: the modal refused the submission: ${errors}`);
      }
      // The person gives up on the modal; the request may exist anyway, and its card will tell.
      const { firstSubmitAt, opens, submits } = progress;
      return {
        viewId,
        firstSubmitAt,
        acceptedAt: Date.now(),
        generation,
        opens,
        submits,
        refusedAgain: errors,
      };
    }
    await pause(context, RETRY_PAUSE_MS);
  }
}

/** The request's (or batch's) ID once its card, which shows `script.name`, is posted; undefined when the bot ran `cardWaitMs` without posting it. */
export async function awaitRequestId(
  context: PersonContext,
  script: Pick<RequestScript, 'name'>,
  cardWaitMs: number,
): Promise<string | undefined> {
  for (;;) {
    await botUp(context);
    const generation = context.bot.generation;
    const found = await until(
      context,
      () => context.ledger.requestIdByCopyName(script.name) ?? botLost(context, generation),
      cardWaitMs,
    );
    if (found === undefined) return undefined;
    if (found !== BOT_LOST) return found;
  }
}

/** Returns the filled modal's view ID, or undefined when the bot went away meanwhile. */
async function fillModal(
  context: PersonContext,
  form: ModalForm,
  progress: ModalProgress,
): Promise<string | undefined> {
  const { slack } = context;
  const { userId } = form;
  const generation = context.bot.generation;
  const onScreen = progress.viewId ? slack.state.view(progress.viewId) : undefined;
  if (!onScreen?.open) {
    Object.assign(progress, { viewId: undefined, picked: 0, firstSubmitAt: undefined });
    progress.opens++;
    const opened = await slack.driver.slashCommand({
      userId,
      channelId: DEFAULT_IDS.opsChannel,
      ...(form.commandText ? { text: form.commandText } : {}),
    });
    if (opened.status !== 200) return undefined;
    const modal = await until(
      context,
      () => requestModal(context, userId) ?? botLost(context, generation),
      STEP_MS,
    );
    if (!modal || modal === BOT_LOST) return undefined;
    progress.viewId = modal.view.id;
  }
  const viewId = progress.viewId!;
  for (; progress.picked < form.picks.length; progress.picked++) {
    const { input, value, suggest } = form.picks[progress.picked]!;
    if (suggest) {
      await slack.driver.suggestOptions({ userId, viewId, actionId: input.actionId, query: value });
    }
    const before = slack.state.view(viewId)?.view.hash;
    const reply = await slack.driver.selectInView({ userId, viewId, actionId: input.actionId, value });
    if (reply?.status !== 200) return undefined;
    const rendered = await until(
      context,
      () => botLost(context, generation) ?? slack.state.view(viewId)?.view.hash !== before,
      STEP_MS,
    );
    if (rendered !== true) return undefined;
  }
  for (const { input, value } of form.typed) {
    if (value !== undefined) slack.driver.setInputValue({ userId, viewId, actionId: input.actionId, value });
  }
  return viewId;
}

/** The request modal on top of the user's stack, once it shows its inputs. */
function requestModal(context: PersonContext, userId: string): StandInView | undefined {
  const top = context.slack.state.openViews(userId).at(-1);
  const ready =
    top?.view.callback_id === REQUEST_MODAL_CALLBACK_ID && top.view.blocks.some((b) => b.type === 'input');
  return ready ? top : undefined;
}
