/** A crash run in words: the seed to replay it, every kill, every request, and what went wrong. */
import type { CrashRunReport } from './crash-run.ts';

export function describeCrashRun(report: CrashRunReport): string {
  const lines = [
    `crash run seed=${report.seed} (replay: SNAPCOPY_CRASH_SEED=${report.seed}) took ${Math.round(report.durationMs / 1000)} s`,
    `kills (${report.kills.length}):`,
    ...report.kills.map(
      (kill) =>
        `  #${kill.n} at ${(kill.at / 1000).toFixed(1)} s, generation ${kill.generation}: ${kill.point}` +
        `${kill.fallback ? ' (fallback)' : ''}: ${kill.detail}; down ${kill.downtimeMs} ms`,
    ),
  ];
  if (report.missedKillPoints.length > 0)
    lines.push(`planned but never reached: ${report.missedKillPoints.join(', ')}`);
  lines.push(`requests (${report.findings.length}):`);
  for (const finding of report.findings) {
    const person = report.people.find((p) => p.script.index === finding.index);
    lines.push(
      `  ${finding.index} ${finding.kind} ${finding.requestId ?? '(no ID)'}: expected ${finding.expected}, ` +
        `stored ${finding.stored ?? '-'}; CopySnapshot calls ${finding.copyCalls} with ${finding.clientTokens} ClientToken(s); ` +
        `modal opened ${person?.submission?.opens ?? 0}x, submitted ${person?.submission?.submits ?? 0}x, clicks ${person?.clicks.length ?? 0}` +
        (finding.problems.length > 0 ? ` — ${finding.problems.length} problem(s)` : ''),
    );
  }
  if (report.batchFindings.length > 0) {
    lines.push(
      `batches (${report.batchFindings.length}):`,
      ...report.batchFindings.map((finding) => finding.line),
    );
  }
  if (report.problems.length === 0) {
    lines.push('no problems: every request ended as scripted, nothing was done twice');
  } else {
    lines.push(
      `problems (${report.problems.length}):`,
      ...report.problems.map((problem) => `  - ${problem}`),
    );
    lines.push('last lines of the bot log:', ...report.botLogTail.slice(-25).map((line) => `  ${line}`));
  }
  if (report.logFile) lines.push(`bot log: ${report.logFile}`);
  return lines.join('\n');
}
