/** The request card: posted where the request was asked, then updated in place as the request moves. */
import type { types } from '@slack/bolt';
import type { RequestView } from '../../workflow/request-view.ts';
import { actions, cancelButton, isOpen } from './request-buttons.ts';
import { approvalBlocks, estimateBlocks, requestDetailBlocks } from './request-details.ts';
import { formatTime, statusLabel, statusLine } from './request-text.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, divider, header, LIMITS, mention, section, userText } from './slack-text.ts';

export interface CardOptions {
  /** False for read-only copies of the card (e.g. `/snapcopy status`). */
  withActions?: boolean;
}

export function buildRequestCard(view: RequestView, options: CardOptions = {}): SlackMessage {
  const blocks: types.KnownBlock[] = [
    header(`Snapshot copy ${view.requestId}`),
    section(statusLine(view)),
    ...queuedBlocks(view),
    ...newSnapshotBlocks(view),
    ...requestDetailBlocks(view),
  ];
  if (view.estimate) blocks.push(divider, ...estimateBlocks(view.estimate));
  blocks.push(...approvalBlocks(view), ...problemBlocks(view));
  if ((options.withActions ?? true) && isOpen(view.status)) {
    blocks.push(actions('card_actions', [cancelButton(view.requestId)]));
  }
  return {
    text: `Snapshot copy ${view.requestId}: ${statusLabel(view.status).replace(/^:[a-z_]+: /, '')}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

/** Approved, waiting for a copy slot; the place in line is known only to a live view (`/snapcopy status`). */
function queuedBlocks(view: RequestView): types.KnownBlock[] {
  if (!view.queued) return [];
  const region = userText(view.queued.regionId, 100);
  const { ahead } = view.queued;
  const place = ahead === undefined ? '' : `: ${ahead} ${ahead === 1 ? 'copy' : 'copies'} ahead`;
  return [
    context(
      `:hourglass_flowing_sand: Queued${place} in ${region}, where snapcopy runs a limited number of copies at once; it starts when one of them ends.`,
    ),
  ];
}

function newSnapshotBlocks(view: RequestView): types.KnownBlock[] {
  const snapshotId = view.copy?.snapshotId;
  if (!snapshotId) return [];
  return [
    context(
      `New snapshot \`${userText(snapshotId, 200)}\` in ${userText(view.parameters.destinationRegionId, 100)}`,
    ),
  ];
}

/** Refusals, cloud failures and cancellations: what went wrong or what happened, in plain words. */
export function problemBlocks(view: RequestView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  if (view.refusals && view.refusals.length > 0) {
    const lines = view.refusals.map((r) => `• ${userText(r.message, 600)}`).join('\n');
    blocks.push(section(`*The request was refused:*\n${lines}`));
  }
  if (view.failure) {
    blocks.push(
      section(
        `*The copy failed:* \`${userText(view.failure.code, 200)}\`\n${userText(view.failure.hint, 2000)}` +
          (view.failure.cloudRequestId
            ? `\nCloud request ID: \`${userText(view.failure.cloudRequestId, 100)}\``
            : ''),
      ),
    );
  }
  if (view.cancellation) {
    blocks.push(context(cancellationText(view)));
  }
  return blocks;
}

export function cancellationText(view: RequestView): string {
  const c = view.cancellation;
  if (!c) return '';
  const who = `${mention(c.by)} at ${formatTime(c.at)}`;
  switch (c.outcome) {
    case 'beforeCopy':
      return `Cancelled by ${who}, before the copy started.`;
    case 'partialCopyDeleted':
      return `Cancelled by ${who}; the partial copy was deleted.`;
    case 'copyAlreadyFinished':
      return `Cancel asked by ${who}, but the copy had already finished; it was kept.`;
  }
}
