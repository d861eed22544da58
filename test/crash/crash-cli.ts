/**
 * Long crash runs from the command line: `npm run crash -- --requests 40 --kills 60 [--seed N]
 * [--ttl 120s] [--keep] [--debug]`. Prints the seed first and the whole report at the end; exits 1
 * when a request did not end as scripted or something happened twice.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../../src/config/duration.ts';
import { describeCrashRun } from './crash-report.ts';
import { CI_CRASH_RUN, runCrashRun } from './crash-run.ts';
import { EVENT_KILL_POINTS, type KillPoint } from './kill-plan.ts';
import { crashSeed } from './seeded-random.ts';

const USAGE = `usage: npm run crash -- [--requests N] [--kills N] [--seed N] [--ttl 120s]
       [--points copySnapshot,polling,...] [--keep] [--debug]
kill points: ${EVENT_KILL_POINTS.join(', ')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '24' },
      kills: { type: 'string', default: '40' },
      seed: { type: 'string' },
      ttl: { type: 'string' },
      points: { type: 'string' },
      keep: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const requests = positiveInteger('--requests', values.requests);
  const kills = positiveInteger('--kills', values.kills);
  const seed = crashSeed(values.seed === undefined ? process.env : { SNAPCOPY_CRASH_SEED: values.seed });
  // Long runs kill often on a busy machine; a decision must fit between many restarts.
  const approvalTtlMs = values.ttl === undefined ? 120_000 : parseDuration(values.ttl);
  if (approvalTtlMs === undefined) throw new Error(`--ttl takes a duration such as 30s, not ${values.ttl}`);
  const killPoints = values.points === undefined ? EVENT_KILL_POINTS : eventPoints(values.points);
  const report = await runCrashRun({
    ...CI_CRASH_RUN,
    seed,
    requests,
    kills,
    approvalTtlMs,
    killPoints,
    // Opportunistic: it needs a moment when no decision could expire with the request that must.
    expiryWhileDown: true,
    // More people arrive over a longer time; each kill costs a restart of a few seconds.
    spreadMs: requests * 500,
    deadlineMs: approvalTtlMs + 120_000 + requests * 3_000 + kills * 10_000,
    botLogLevel: values.debug ? 'debug' : 'info',
    keepFiles: values.keep,
    log: (line) => console.log(line),
  });
  console.log(describeCrashRun(report));
  if (report.problems.length > 0) process.exitCode = 1;
}

function eventPoints(text: string): KillPoint[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !EVENT_KILL_POINTS.includes(name as KillPoint));
  if (unknown.length > 0) throw new Error(`unknown kill point(s) ${unknown.join(', ')}\n${USAGE}`);
  return names as KillPoint[];
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} takes a positive integer, not ${text}\n${USAGE}`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
