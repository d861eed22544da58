/**
 * What one request costs to keep: heap per open request (a bot restoring 1,000 open requests from
 * SQLite, less the same bot on an empty store, divided by 1,000; target under 20 KB), and, once
 * all 1,000 have finished and moved to the archive, the SQLite file size and row sizes per
 * finished request.
 *
 * Run: npx tsx bench/request-footprint.ts (it re-runs itself with --expose-gc)
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_TABLE } from '../src/store/sqlite-backend.ts';
import { ARCHIVE_COLLECTION } from '../src/workflow/runtime.ts';
import { describeMachine, kib, median, reportFigure, verdict } from './support/figures.ts';
import { runsWithExposedGc, settledHeapBytes } from './support/heap.ts';
import { type LocalStack, startLocalStack } from './support/local-stack.ts';
import { approveAll, disksFor, seedOpenCopies, waitForStatuses } from './support/seed-requests.ts';
import { waitForOpenRequests } from './support/store-rows.ts';

const OPEN_REQUESTS = 1000;
const SAMPLES = 3;
const MEMORY_TARGET_BYTES = 20 * 1024;
const COPY_SIZE_GIB = 30_000;
/** Simulated seconds per real second that let a 30,000 GiB copy finish in about a second. */
const FINISHING_SPEED = 30_000;

/** Live heap a started bot holds, over what the process held before it started. */
async function heapOfBot(stack: LocalStack, env: Record<string, string>): Promise<number> {
  const before = settledHeapBytes();
  const bot = await stack.startBot({ env });
  const after = settledHeapBytes();
  await bot.stop();
  return after - before;
}

interface NamespaceSize {
  namespace: string;
  rows: number;
  bytes: number;
}

/** Folds the write-ahead log into the file, then measures the file and its rows by namespace. */
function storeSizes(path: string): { fileBytes: number; freeBytes: number; namespaces: NamespaceSize[] } {
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const namespaces = db
      .prepare(
        `SELECT substr(key, 1, instr(key, ':') - 1) AS namespace, count(*) AS rows,
                sum(length(CAST(key AS BLOB)) + length(CAST(value AS BLOB))) AS bytes
           FROM ${SQLITE_TABLE} GROUP BY namespace ORDER BY bytes DESC`,
      )
      .all() as NamespaceSize[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    return { fileBytes: statSync(path).size, freeBytes: pageSize * freePages, namespaces };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  reportFigure(describeMachine());
  const stack = await startLocalStack({
    cloud: { disks: disksFor(OPEN_REQUESTS), sizeGiB: COPY_SIZE_GIB },
    // Frozen until the copies are meant to finish: they stay in flight, reporting no progress.
    clockSpeed: 0,
  });
  try {
    const seeding = await stack.startBot();
    const open = await seedOpenCopies(seeding.running.service, OPEN_REQUESTS, 'ap-southeast-1');
    await seeding.stop();

    const empty = { SNAPCOPY_STORE_URL: `sqlite:${join(stack.dir, 'empty.sqlite')}` };
    await heapOfBot(stack, empty);
    const perRequest: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) {
      const baseline = await heapOfBot(stack, empty);
      const restored = await heapOfBot(stack, {});
      perRequest.push((restored - baseline) / OPEN_REQUESTS);
    }
    const bytes = median(perRequest);
    reportFigure(
      `request-footprint memory: ${kib(bytes)} heap per open request (${open.inProgress.length} copying, ${open.awaitingApproval.length} awaiting approval; median of ${SAMPLES}: ${perRequest.map(kib).join(', ')}) | target < 20 KB ${verdict(bytes < MEMORY_TARGET_BYTES)}`,
    );

    const finishing = await stack.startBot({
      overrides: { runtimeSettings: { pollMinIntervalMs: 500, pollMaxIntervalMs: 2_000 } },
    });
    await approveAll(finishing.running.service, open.awaitingApproval);
    stack.cloud.clock.setSpeed(FINISHING_SPEED);
    await waitForStatuses(
      finishing.running.service,
      [...open.inProgress, ...open.awaitingApproval],
      ['done'],
      10 * 60_000,
    );
    stack.cloud.clock.setSpeed(0);
    await waitForOpenRequests(stack.storePath, 0, 10 * 60_000);
    await finishing.stop();

    const sizes = storeSizes(stack.storePath);
    const archived = sizes.namespaces.find(
      (entry) => entry.namespace === `snapcopy.${ARCHIVE_COLLECTION}.archive`,
    );
    if (archived?.rows !== OPEN_REQUESTS)
      throw new Error(`expected ${OPEN_REQUESTS} archived requests, found ${archived?.rows}`);
    reportFigure(
      `request-footprint store: SQLite file ${kib(sizes.fileBytes / OPEN_REQUESTS)} per finished request (${(sizes.fileBytes / 1024 / 1024).toFixed(1)} MB for ${OPEN_REQUESTS}, of which ${(sizes.freeBytes / 1024 / 1024).toFixed(1)} MB free pages left by the open records)`,
    );
    for (const entry of sizes.namespaces) {
      reportFigure(
        `request-footprint store rows ${entry.namespace}: ${entry.rows} rows, ${kib(entry.bytes / OPEN_REQUESTS)} per finished request (${Math.round(entry.bytes / entry.rows)} B per row)`,
      );
    }
  } finally {
    await stack.close();
  }
}

if (await runsWithExposedGc(import.meta.url)) await main();
