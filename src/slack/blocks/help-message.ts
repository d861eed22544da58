/** `/snapcopy help`: every subcommand in one short message. */

import type { SlackMessage } from './slack-message.ts';
import { section } from './slack-text.ts';

export const USAGE_HINT =
  '[snapshot-id | instance <i-…> | tag <k=v> | status <id> | list | cancel <id> | help]';

export function buildHelpMessage(problem?: string): SlackMessage {
  const lines = [
    '*snapcopy* copies ECS snapshots to another region, or re-encrypts them with KMS, after approval when needed.',
    '`/snapcopy` opens the request form.',
    '`/snapcopy <snapshot-id>` opens it with that snapshot chosen.',
    '`/snapcopy instance <instance-id>` opens it to copy the latest snapshot of every disk of that instance.',
    '`/snapcopy tag <key>=<value> […]` opens it to copy the latest snapshot of every disk with those tags.',
    '`/snapcopy status <request-id | batch-id>` shows where a request or a batch (`sb-…`) is.',
    '`/snapcopy list` lists your requests and batches (and, for approvers, those waiting for you).',
    '`/snapcopy cancel <request-id | batch-id>` cancels; a running copy is stopped and its partial snapshot deleted, finished copies of a batch are kept.',
    '`/snapcopy help` shows this message.',
  ];
  const text = problem ? `${problem}\n\n${lines.join('\n')}` : lines.join('\n');
  return { text, blocks: [section(text)] };
}
