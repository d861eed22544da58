/**
 * Judges each batch of a crash run: the store holds one batch for its requester, ended as the
 * script says; every item that finished has exactly one copy in the destination (by provenance
 * tag), accomplished and the one the item names, every other item none; each item's CopySnapshot
 * calls used one ClientToken, its own; Slack has one card, one approval and one result for the
 * batch, and nothing for any of its items.
 */
import { BATCH_ID_TAG_KEY, clientTokenFor, REQUEST_ID_TAG_KEY } from '../../src/domain/provenance.ts';
import type { AlibabaStandIn } from '../../src/local/alibaba/index.ts';
import type { BatchView } from '../../src/workflow/batch/copy-batch-view.ts';
import type { BatchPersonReport } from './batch-person.ts';
import { copyableDisks } from './batch-scripts.ts';
import type { SlackLedger } from './slack-ledger.ts';

export interface BatchVerdictInput {
  people: readonly BatchPersonReport[];
  ledger: SlackLedger;
  cloud: AlibabaStandIn;
  stored: readonly BatchView[];
}

/** One batch in the report: how it ended and what its items did, beside the problems. */
export interface BatchFinding {
  line: string;
  problems: string[];
}

export function judgeBatches(input: BatchVerdictInput): BatchFinding[] {
  return input.people.map((person) => {
    const { script, batchId } = person;
    const view = input.stored.find((candidate) => candidate.batchId === batchId);
    const items = view ? view.items.map((item) => item.status).join(', ') : '-';
    const problems = judgeBatch(person, input).map(
      (problem) => `batch ${script.index} (${script.kind}, ${batchId ?? 'no ID'}): ${problem}`,
    );
    const line =
      `  batch ${script.index} ${script.kind} ${batchId ?? '(no ID)'}: expected ${script.expected}, stored ${view?.status ?? '-'}; ` +
      `items ${items}; refused up front ${view?.refused.length ?? '-'}; modal opened ${person.submission?.opens ?? 0}x, clicks ${person.clicks.length}` +
      (problems.length > 0 ? ` — ${problems.length} problem(s)` : '');
    return { line, problems };
  });
}

function judgeBatch(person: BatchPersonReport, input: BatchVerdictInput): string[] {
  const { script, batchId } = person;
  const problems: string[] = [];
  if (person.error) problems.push(`the script failed: ${person.error}`);
  if (person.lostAfterSubmission) problems.push('Slack closed the modal on submit, but no batch card came');
  if (person.submission?.refusedAgain) {
    problems.push(`submitting the same modal again was refused: ${person.submission.refusedAgain}`);
  }
  const mine = input.stored.filter((view) => view.requester.userId === script.requesterId);
  if (mine.length !== 1) problems.push(`the store holds ${mine.length} batches by its requester, not one`);
  if (!batchId) return problems;
  const view = mine.find((candidate) => candidate.batchId === batchId);
  if (!view) return [...problems, 'the store has no record of it'];
  if (view.status !== script.expected) problems.push(`ended ${view.status}, expected ${script.expected}`);
  const wanted = new Set(copyableDisks(script).flatMap((disk) => (disk.snapshotId ? [disk.snapshotId] : [])));
  const items = new Set(view.items.map((item) => item.sourceSnapshotId));
  if (items.size !== wanted.size || [...wanted].some((id) => !items.has(id))) {
    problems.push(`items ${[...items].join(', ')}, expected the snapshots ${[...wanted].join(', ')}`);
  }
  const refusedUpFront = script.disks.length - wanted.size;
  if (view.refused.length !== refusedUpFront) {
    problems.push(`${view.refused.length} disks refused up front, expected ${refusedUpFront}`);
  }
  problems.push(...itemProblems(view, script.destinationRegionId, input.cloud));
  if (script.kind === 'batchCancel') {
    const done = view.items.filter((item) => item.status === 'done').length;
    const cancelled = view.items.filter((item) => item.status === 'cancelled').length;
    if (done === 0) problems.push('no finished item was kept');
    if (cancelled === 0) problems.push('no item was cancelled');
  }
  problems.push(...slackProblems(input.ledger, view));
  return problems;
}

/** One copy per finished item, none for the others; one ClientToken per item. */
function itemProblems(view: BatchView, regionId: string, cloud: AlibabaStandIn): string[] {
  const problems: string[] = [];
  const copies = cloud.world
    .snapshotsIn(regionId)
    .filter((snapshot) =>
      snapshot.tags.some((tag) => tag.key === BATCH_ID_TAG_KEY && tag.value === view.batchId),
    );
  const copySnapshots = cloud.calls.callsTo('CopySnapshot');
  for (const item of view.items) {
    const { requestId } = item;
    if (!requestId) {
      problems.push(`item ${item.sourceSnapshotId} has no request`);
      continue;
    }
    const calls = copySnapshots.filter((call) => Object.values(call.params).includes(requestId));
    const tokens = new Set(calls.map((call) => call.params.ClientToken));
    if (tokens.size > 1 || (tokens.size === 1 && !tokens.has(clientTokenFor(requestId)))) {
      problems.push(`item ${requestId}: CopySnapshot was sent with ClientTokens ${[...tokens].join(', ')}`);
    }
    const own = copies.filter((snapshot) =>
      snapshot.tags.some((tag) => tag.key === REQUEST_ID_TAG_KEY && tag.value === requestId),
    );
    const kept = item.status === 'done';
    if (own.length !== (kept ? 1 : 0)) {
      problems.push(
        `item ${requestId} (${item.status}): ${own.length} tagged copies, expected ${kept ? 1 : 0}`,
      );
    }
    if (kept && calls.length === 0) problems.push(`item ${requestId}: done without a CopySnapshot`);
    const [copy] = own;
    if (kept && copy && copy.snapshotId !== item.newSnapshotId) {
      problems.push(`item ${requestId} names copy ${item.newSnapshotId}, the cloud has ${copy.snapshotId}`);
    }
    if (kept && copy && copy.status !== 'accomplished')
      problems.push(`item ${requestId}: the copy is ${copy.status}`);
  }
  return problems;
}

function slackProblems(ledger: SlackLedger, view: BatchView): string[] {
  const { batchId } = view;
  const problems: string[] = [];
  const posts = (slot: string) => ledger.entry(`${batchId}:${slot}`)?.posts.length ?? 0;
  for (const slot of ['card', 'approval', 'outcome']) {
    if (posts(slot) !== 1) problems.push(`its ${slot} was posted ${posts(slot)} times`);
  }
  const card = ledger.entry(`${batchId}:card`);
  const outcome = ledger.entry(`${batchId}:outcome`);
  if (card && outcome && outcome.message.thread_ts !== card.message.ts) {
    problems.push("the result is not in the card's thread");
  }
  const shown = ledger.batchCardFinalStatus(batchId);
  if (shown !== view.status)
    problems.push(`the card shows ${shown ?? 'an open status'}, the store ${view.status}`);
  if (ledger.awaitsBatchDecision(batchId))
    problems.push('the approval message still offers Approve / Reject');
  const ofItems = ledger.notificationIds().filter((id) => id.startsWith(`${batchId}-`));
  if (ofItems.length > 0) problems.push(`its items have Slack messages of their own: ${ofItems.join(', ')}`);
  return problems;
}
