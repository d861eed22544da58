/**
 * `npm run bench`: every benchmark, one after the other, each in a fresh Node process (with
 * --expose-gc), so none inherits another's heap or warm caches. Their figures are printed as they
 * come, then the verdicts again in one list. `npm run bench -- ack-latency` runs only the ones named.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './support/figures.ts';

const BENCHMARKS = [
  'ack-latency',
  'polling-cost',
  'restart-recovery',
  'request-footprint',
  'fleet-burst',
  'batch-fleet',
] as const;
/** A bound on a stuck benchmark, far above how long any takes on a busy two-core machine. */
const LIMIT_MS = 45 * 60_000;

async function run(name: string): Promise<{ code: number | null; figures: string[] }> {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  const figures: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    process.stdout.write(chunk);
    figures.push(...chunk.split('\n').filter((line) => / (PASS|MISS)\b/.test(line)));
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(limit);
  return { code, figures };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const verdicts: string[] = [];
  for (const name of wanted.length > 0 ? wanted : BENCHMARKS) {
    console.log(`\n== ${name}`);
    const { code, figures } = await run(name);
    verdicts.push(...figures);
    if (code !== 0) {
      verdicts.push(`${name}: did not finish (exit ${code})`);
      process.exitCode = 1;
    }
  }
  console.log(`\n== verdicts (${describeMachine()})`);
  for (const line of verdicts) console.log(line);
}

await main();
