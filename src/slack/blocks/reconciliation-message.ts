/** What the periodic reconciliation posts in the approvals channel when it finds something. */
import { FINDING_KINDS, type Finding } from '../../workflow/reconciliation.ts';
import type { Reconciliation } from '../../workflow/reconciliation-run.ts';
import type { SlackMessage } from './slack-message.ts';
import { context, fieldsSection, header, section } from './slack-text.ts';

/** Enough to act on; the command lists them all. */
const LISTED_FINDINGS = 10;

const KIND_LABELS: Record<Finding['kind'], string> = {
  unrecordedCopy: 'Copies no request record knows',
  missingCopy: 'Records whose copy is gone',
  copyOfEndedRequest: 'Copies still running for an ended request',
};

function findingLine(finding: Finding): string {
  const where = `\`${finding.snapshotId}\` in ${finding.regionId}`;
  switch (finding.kind) {
    case 'unrecordedCopy':
      return `• ${where}: tagged for \`${finding.requestId}\`, which ${finding.requestStatus ? `names another copy (${finding.requestStatus})` : 'has no record'}`;
    case 'missingCopy':
      return `• ${where}: the copy of \`${finding.requestId}\` (${finding.requestStatus}) no longer exists`;
    case 'copyOfEndedRequest':
      return `• ${where}: ${finding.progress}% copied for \`${finding.requestId}\`, which is ${finding.requestStatus}`;
  }
}

export function reconciliationMessage({ findings, regionIds }: Reconciliation): SlackMessage {
  const counts = FINDING_KINDS.map(
    (kind) => `*${KIND_LABELS[kind]}*\n${findings.filter((finding) => finding.kind === kind).length}`,
  );
  const listed = findings.slice(0, LISTED_FINDINGS).map(findingLine);
  if (findings.length > LISTED_FINDINGS) listed.push(`…and ${findings.length - LISTED_FINDINGS} more`);
  return {
    text: `Reconciliation: ${findings.length} finding(s) across ${regionIds.length} region(s)`,
    blocks: [
      header('Reconciliation found copies to look at'),
      fieldsSection(counts),
      section(listed.join('\n')),
      context(
        'Nothing was deleted. `snapcopy reconcile` lists every finding as JSON lines; `--delete-orphans --yes` deletes the stray copies.',
      ),
    ],
  };
}
