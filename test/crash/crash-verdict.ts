/**
 * Judges a finished crash run from what the stand-ins and the store hold: each request ended as its
 * script says, the cloud made at most one copy per request (one ClientToken, one tagged snapshot),
 * and Slack has one card, at most one approval message and one outcome per request.
 */

import { clientTokenFor, REQUEST_ID_TAG_KEY } from '../../src/domain/provenance.ts';
import type { AlibabaStandIn, CallRecord } from '../../src/local/alibaba/index.ts';
import type { RequestStatus } from '../../src/workflow/request-view.ts';
import type { KillRecord } from './kill-plan.ts';
import type { PersonReport } from './scripted-person.ts';
import { REJECT_REASON } from './scripted-person.ts';
import type { SlackLedger } from './slack-ledger.ts';
import type { StoredRequest } from './stored-requests.ts';

export interface VerdictInput {
  people: readonly PersonReport[];
  ledger: SlackLedger;
  cloud: AlibabaStandIn;
  stored: readonly StoredRequest[];
  kills: readonly KillRecord[];
  /** Epoch ms the kills' `at` counts from. */
  startedAt: number;
  unexpectedExits: readonly string[];
}

export interface RequestFinding {
  index: number;
  kind: string;
  requestId?: string;
  expected: RequestStatus;
  /** The status in the store; undefined when the store has no (single) record. */
  stored?: RequestStatus;
  /** CopySnapshot calls sent for the request, with how many distinct ClientTokens. */
  copyCalls: number;
  clientTokens: number;
  problems: string[];
}

export function judgeCrashRun(input: VerdictInput): { findings: RequestFinding[]; problems: string[] } {
  const findings = input.people.map((person) => judgeRequest(person, input));
  const problems = [
    ...input.unexpectedExits.map((exit) => `the bot died by itself: ${exit}`),
    ...findings.flatMap((finding) =>
      finding.problems.map(
        (problem) =>
          `request ${finding.index} (${finding.kind}, ${finding.requestId ?? 'no ID'}): ${problem}`,
      ),
    ),
  ];
  return { findings, problems };
}

function judgeRequest(person: PersonReport, input: VerdictInput): RequestFinding {
  const { script, requestId } = person;
  const { expected } = script;
  const finding: RequestFinding = {
    index: script.index,
    kind: script.kind,
    expected: expected.status,
    copyCalls: 0,
    clientTokens: 0,
    problems: [],
  };
  const problems = finding.problems;
  if (person.error) problems.push(`the script failed: ${person.error}`);
  if (person.lostAfterSubmission) problems.push(lostSubmission(person, input));
  if (person.submission?.refusedAgain) {
    problems.push(
      `submitting the same modal again, after Slack had given up waiting for the first submit, was refused: ${person.submission.refusedAgain}`,
    );
  }
  const mine = input.stored.filter((stored) => stored.view.requester.userId === script.requesterId);
  if (mine.length > 1) problems.push(`the store holds ${mine.length} requests by its requester, not one`);
  if (!requestId) {
    if (!person.error && !person.lostAfterSubmission) problems.push('its card never appeared');
    const unseen = mine.map((stored) => `${stored.view.requestId} (${stored.view.status})`).join(', ');
    if (unseen) problems.push(`the store holds ${unseen} for its requester, who never saw it`);
    return finding;
  }
  finding.requestId = requestId;
  const record = mine.find((candidate) => candidate.view.requestId === requestId);
  if (record) {
    finding.stored = record.view.status;
    if (record.view.status !== expected.status) {
      problems.push(`ended ${record.view.status}, expected ${expected.status}`);
    }
    problems.push(...forgottenClicks(person, record, input));
  } else {
    problems.push('the store has no record of it');
  }
  problems.push(...slackProblems(input.ledger, requestId, expected));
  const cloud = cloudFindings(input.cloud, script, requestId);
  finding.copyCalls = cloud.copyCalls;
  finding.clientTokens = cloud.clientTokens;
  problems.push(...cloud.problems);
  if (record) {
    problems.push(
      ...requestDetailProblems(person, record.view, cloud.copies, deletesOf(input.cloud, record.view)),
    );
  }
  return finding;
}

/** One ClientToken for every CopySnapshot the request sent, and one tagged copy when it is kept. */
function cloudFindings(cloud: AlibabaStandIn, script: PersonReport['script'], requestId: string) {
  const { expected } = script;
  const problems: string[] = [];
  const calls = cloud.calls
    .callsTo('CopySnapshot')
    .filter((call) => Object.values(call.params).includes(requestId));
  const tokens = new Set(calls.map((call) => call.params.ClientToken));
  if (expected.copyStarted && calls.length === 0) problems.push('CopySnapshot was never called');
  if (!expected.copyStarted && calls.length > 0)
    problems.push(`CopySnapshot was called ${calls.length} times`);
  if (tokens.size > 1 || (tokens.size === 1 && !tokens.has(clientTokenFor(requestId)))) {
    problems.push(`CopySnapshot was sent with ClientTokens ${[...tokens].join(', ')}`);
  }
  const copies = cloud.world
    .snapshotsIn(script.destinationRegionId)
    .filter((snapshot) =>
      snapshot.tags.some((tag) => tag.key === REQUEST_ID_TAG_KEY && tag.value === requestId),
    );
  const wantedCopies = expected.copyKept ? 1 : 0;
  if (copies.length !== wantedCopies) {
    problems.push(
      `${copies.length} tagged copies in ${script.destinationRegionId}, expected ${wantedCopies}`,
    );
  }
  return { problems, copyCalls: calls.length, clientTokens: tokens.size, copies };
}

function lostSubmission(person: PersonReport, input: VerdictInput): string {
  const lost = 'Slack closed the modal on submit, but the bot never stored the request';
  const { submission } = person;
  const kill = submission && input.kills.find((candidate) => candidate.generation === submission.generation);
  if (!submission || !kill) return lost;
  // The person notices the closed modal a little after the bot acknowledged it; a kill in between is 0 ms.
  const gapMs = Math.max(0, input.startedAt + kill.at - submission.acceptedAt);
  return `${lost}; kill #${kill.n} (${kill.point}) hit generation ${kill.generation}, which closed it, ${gapMs} ms later`;
}

/**
 * A click the bot acknowledged must count even if the bot dies right after the ack. When the
 * decision the store holds was taken after the generation that acknowledged the click was killed,
 * that click was forgotten and a later one did the work; a closed reject modal with no rejection
 * at all was forgotten too.
 */
function forgottenClicks(person: PersonReport, stored: StoredRequest, input: VerdictInput): string[] {
  const { kind } = person.script;
  const takenAt =
    kind === 'approve' || kind === 'reject' ? stored.view.approval.decidedAt : stored.cancelTakenAt;
  if (takenAt === undefined) {
    // A button is acknowledged even when refused, a reject modal only closes when the bot took it.
    if (kind !== 'reject') return [];
    return person.clicks
      .filter((click) => click.acknowledged)
      .map(
        (click) => `the reject modal closed (generation ${click.generation}), but no rejection was recorded`,
      );
  }
  return person.clicks.flatMap((click) => {
    const kill = input.kills.find((candidate) => candidate.generation === click.generation);
    if (!click.acknowledged || !kill || takenAt <= input.startedAt + kill.at) return [];
    return [
      `a ${kind} click acknowledged by generation ${click.generation} was forgotten when kill #${kill.n} (${kill.point}) hit; a later click was needed`,
    ];
  });
}

function slackProblems(
  ledger: SlackLedger,
  requestId: string,
  expected: { status: RequestStatus; approvalMessage: boolean },
): string[] {
  const problems: string[] = [];
  const card = ledger.entry(`${requestId}:card`);
  const outcome = ledger.entry(`${requestId}:outcome`);
  const approval = ledger.entry(`${requestId}:approval`);
  const posts = (entry: { posts: string[] } | undefined) => entry?.posts.length ?? 0;
  if (posts(card) !== 1) problems.push(`its card was posted ${posts(card)} times`);
  if (posts(outcome) !== 1) problems.push(`its outcome was posted ${posts(outcome)} times`);
  const wantedApprovals = expected.approvalMessage ? 1 : 0;
  if (posts(approval) !== wantedApprovals) {
    problems.push(`its approval message was posted ${posts(approval)} times, expected ${wantedApprovals}`);
  }
  const cardStatus = ledger.cardFinalStatus(requestId);
  if (cardStatus !== expected.status) problems.push(`the card shows ${cardStatus ?? 'an open status'}`);
  if (card && outcome && outcome.message.thread_ts !== card.message.ts) {
    problems.push("the outcome is not in the card's thread");
  }
  if (ledger.awaitsDecision(requestId)) problems.push('the approval message still offers Approve / Reject');
  return problems;
}

function deletesOf(cloud: AlibabaStandIn, view: { copy?: { snapshotId?: string } }): CallRecord[] {
  const copyId = view.copy?.snapshotId;
  if (!copyId) return [];
  return cloud.calls.callsTo('DeleteSnapshot').filter((call) => call.params.SnapshotId === copyId);
}

/** What the script implies beyond the status: the kept copy, the deleted partial copy, the reason. */
function requestDetailProblems(
  person: PersonReport,
  view: StoredRequest['view'],
  copies: readonly { snapshotId: string; status: string }[],
  deletes: readonly CallRecord[],
): string[] {
  const problems: string[] = [];
  switch (person.script.kind) {
    case 'approve':
    case 'automatic': {
      const [copy] = copies;
      if (copy && copy.snapshotId !== view.copy?.snapshotId) {
        problems.push(`the request names copy ${view.copy?.snapshotId}, the cloud has ${copy.snapshotId}`);
      }
      if (copy && copy.status !== 'accomplished') problems.push(`the copy is ${copy.status}`);
      break;
    }
    case 'cancelCopy':
      if (view.cancellation?.outcome !== 'partialCopyDeleted') {
        problems.push(`cancellation outcome ${view.cancellation?.outcome}, expected partialCopyDeleted`);
      }
      if (deletes.length === 0) problems.push('DeleteSnapshot was never called for its copy');
      break;
    case 'cancelAwaiting':
      if (view.cancellation?.outcome !== 'beforeCopy') {
        problems.push(`cancellation outcome ${view.cancellation?.outcome}, expected beforeCopy`);
      }
      break;
    case 'reject':
      if (view.approval.rejectReason !== REJECT_REASON) {
        problems.push(`reject reason ${JSON.stringify(view.approval.rejectReason)}`);
      }
      break;
    case 'expire':
      if (view.approval.decidedBy) problems.push(`decided by ${view.approval.decidedBy}`);
      break;
  }
  return problems;
}
