/**
 * `snapcopy reconcile`: copies the cloud holds against the requests the store remembers, as JSON
 * lines on stdout. Reads only, unless asked to delete with both --delete-orphans and --yes.
 */
import { createAlibabaGateway } from '../cloud/alibaba/index.ts';
import type { CloudGateway } from '../cloud/cloud-gateway.ts';
import { withEnvFile } from '../config/env-file.ts';
import { loadReconcileConfig, type ReconcileConfig } from '../config/reconcile-config.ts';
import { createLogger, redact } from '../observability/logger.ts';
import { createStore, maskStoreUrl } from '../store/index.ts';
import { systemClock } from '../workflow/clock.ts';
import { FINDING_KINDS } from '../workflow/reconciliation.ts';
import { deleteStrayCopies, runReconciliation } from '../workflow/reconciliation-run.ts';
import { errorText, readCommandLine } from './command-line.ts';

const USAGE = `usage: snapcopy reconcile [--region <region-id>]... [--delete-orphans --yes]

Lists, per region, copies with snapcopy's provenance tags that no request record knows
(unrecordedCopy), records whose copy no longer exists (missingCopy) and copies still being made
for a request that ended (copyOfEndedRequest), one JSON line each, then a summary line.
Regions: --region, else SNAPCOPY_REGIONS, else every region the account sees. Store and cloud
settings as for \`snapcopy bot\` (environment or ./.env).

--delete-orphans --yes  deletes the copies of unrecordedCopy and copyOfEndedRequest findings
                        (never a record's own finished copy); without --yes nothing is deleted.

Exit status: 0 nothing found, 1 findings remain, 2 usage or settings, 3 the store or the cloud failed.`;

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILED = 3;

export interface ReconcileOptions {
  regionIds: string[];
  deleteOrphans: boolean;
  confirmed: boolean;
}

export function parseReconcileArguments(argv: string[]): ReconcileOptions {
  const options: ReconcileOptions = { regionIds: [], deleteOrphans: false, confirmed: false };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--delete-orphans') options.deleteOrphans = true;
    else if (flag === '--yes') options.confirmed = true;
    else if (flag === '--region') {
      const value = argv[++index];
      if (value === undefined || value.startsWith('--')) throw new Error('--region needs a region ID');
      options.regionIds.push(value);
    } else throw new Error(`unknown argument ${flag}`);
  }
  if (options.confirmed && !options.deleteOrphans)
    throw new Error('--yes confirms --delete-orphans, which is missing');
  return options;
}

export interface ReconcileTargets {
  config: ReconcileConfig;
  /** The cloud; by default the Alibaba gateway on the configured credentials. */
  gateway?: CloudGateway;
}

type Write = (line: string) => void;

/** Runs one reconciliation, writes its JSON lines, and returns the exit status. */
export async function reconcileCommand(options: ReconcileOptions, targets: ReconcileTargets, write: Write) {
  const { config } = targets;
  const gateway =
    targets.gateway ??
    createAlibabaGateway({ ...config.alibaba, logger: createLogger('cloud', { level: 'warn' }) });
  const store = await createStore(config.storeUrl, { logger: createLogger('store', { level: 'warn' }) });
  try {
    const regionIds = options.regionIds.length > 0 ? options.regionIds : config.regions;
    const { findings, regionIds: scanned } = await runReconciliation({
      store,
      gateway,
      clock: systemClock,
      archiveRetentionMs: config.archiveRetentionMs,
      regionIds,
    });
    for (const finding of findings) write(JSON.stringify({ type: 'finding', ...finding }));
    const deletions =
      options.deleteOrphans && options.confirmed ? await deleteStrayCopies(gateway, findings) : [];
    for (const { finding, cloudRequestId, alreadyGone } of deletions) {
      const { kind, regionId, snapshotId, requestId } = finding;
      write(
        JSON.stringify({
          type: 'deleted',
          kind,
          regionId,
          snapshotId,
          requestId,
          alreadyGone,
          cloudRequestId,
        }),
      );
    }
    const counts = Object.fromEntries(
      FINDING_KINDS.map((kind) => [kind, findings.filter((finding) => finding.kind === kind).length]),
    );
    write(
      JSON.stringify({
        type: 'summary',
        store: maskStoreUrl(config.storeUrl),
        regions: scanned,
        ...counts,
        deleted: deletions.length,
      }),
    );
    return findings.length > deletions.length ? EXIT_FINDINGS : EXIT_CLEAN;
  } finally {
    await store.close();
  }
}

export async function run(argv: string[]): Promise<void> {
  const parsed = readCommandLine(argv, USAGE, () => ({
    options: parseReconcileArguments(argv),
    config: loadReconcileConfig(withEnvFile(process.env)),
  }));
  if (!parsed) return;
  const { options, config } = parsed;
  if (options.deleteOrphans && !options.confirmed) {
    console.error(
      '--delete-orphans deletes copies: run it again with --yes to confirm (this run deletes nothing)',
    );
  }
  try {
    process.exitCode = await reconcileCommand(options, { config }, (line) => {
      process.stdout.write(`${line}\n`);
    });
  } catch (error) {
    console.error(`reconcile failed: ${redact(errorText(error))}`);
    process.exitCode = EXIT_FAILED;
  }
}
