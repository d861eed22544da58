/**
 * The real bot, killed with SIGKILL over and over while people use it, must still end every
 * request as its script says, with one copy, one card and one outcome per request. The run is
 * seeded; the seed is printed first and in every failure: SNAPCOPY_CRASH_SEED=<seed> replays it.
 * `npm run crash` runs bigger ones.
 */
import { describe, expect, it } from 'vitest';
import { describeCrashRun } from './crash-report.ts';
import { CI_CRASH_RUN, type CrashRunOptions, runCrashRun } from './crash-run.ts';
import { crashSeed } from './seeded-random.ts';

const seed = crashSeed();
const log = (line: string) => console.log(line);

/** Two cores shared with other suites; a run takes one to two minutes there. */
const RUN_TIMEOUT_MS = 300_000;

async function crashRun(overrides: Partial<CrashRunOptions> = {}) {
  const report = await runCrashRun({ ...CI_CRASH_RUN, seed, log, ...overrides });
  const story = describeCrashRun(report);
  log(story);
  return { report, story };
}

describe('the bot killed with SIGKILL', () => {
  it(
    'ends every request as scripted, copying and reporting each at most once, across kills at every point',
    async () => {
      const { report, story } = await crashRun();
      expect(report.problems, story).toEqual([]);
      expect(report.kills.length, story).toBeGreaterThanOrEqual(CI_CRASH_RUN.kills - 2);
      const hit = new Set(report.kills.filter((kill) => !kill.fallback).map((kill) => kill.point));
      expect([...hit], story).toEqual(expect.arrayContaining(['copySnapshot', 'slackPost']));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'ends every batch as scripted: one copy and one ClientToken per item, one card, approval and result per batch',
    async () => {
      // A run of its own: batches typing among the eight requests' modals share the workspace's
      // views.* budget with them and hold back the first cards, so slackPost often came up only
      // as a fallback there (seed 3764042979).
      const { report, story } = await crashRun({
        // Batches only, so every kill at an event point lands in a batch's life.
        requests: 0,
        kinds: [],
        batches: ['batchApprove', 'batchCancel'],
        kills: 7,
      });
      expect(report.problems, story).toEqual([]);
      expect(report.batchFindings, story).toHaveLength(2);
      expect(report.kills.length, story).toBeGreaterThanOrEqual(5);
      const batchMoments = ['copySnapshot', 'slackPost', 'awaitingApproval', 'submission'];
      const hit = report.kills.filter((kill) => !kill.fallback && batchMoments.includes(kill.point));
      expect(hit.length, story).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'expires a request whose approval deadline passed while the bot was down',
    async () => {
      const { report, story } = await crashRun({
        requests: 3,
        kinds: ['expire', 'approve', 'expire'],
        kills: 0,
        killPoints: [],
        expiryWhileDown: true,
        approvalTtlMs: 12_000,
      });
      expect(report.problems, story).toEqual([]);
      expect(report.kills, story).toEqual([
        expect.objectContaining({ point: 'expiryWhileDown', fallback: false }),
      ]);
    },
    RUN_TIMEOUT_MS,
  );
});
