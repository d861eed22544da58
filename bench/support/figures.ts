/**
 * How every benchmark states its result: one line per figure, with the target and PASS/MISS
 * when there is one, so `npm run bench` reads as a checklist. Also the few statistics they share.
 */
import { cpus, loadavg } from 'node:os';

export type Verdict = 'PASS' | 'MISS';

export function verdict(passed: boolean): Verdict {
  return passed ? 'PASS' : 'MISS';
}

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Prints one figure; the line is what run-all collects and what docs/BENCHMARKS.md quotes. */
export function reportFigure(line: string): void {
  console.log(line);
}

/** The machine is shared: every run says how busy it was, so figures can be read in context. */
export function describeMachine(): string {
  const [one, five, fifteen] = loadavg().map((load) => load.toFixed(2));
  return `machine: ${cpus().length} cores, load average ${one} ${five} ${fifteen}, node ${process.version}`;
}

/** What a benchmark is doing, on stderr, so a long run shows it is alive without mixing into figures. */
export function reportProgress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}
