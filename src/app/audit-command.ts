/**
 * `snapcopy audit`: writes the audit log (who did what, when, with the cloud request IDs) as JSON
 * lines on stdout, so it can be piped to a file or a log pipeline without the bot running.
 */
import { withEnvFile } from '../config/env-file.ts';
import { createStore, DEFAULT_STORE_URL, exportAuditJsonLines, maskStoreUrl } from '../store/index.ts';
import { isBatchId } from '../workflow/batch/batch-id.ts';
import { errorText, readCommandLine } from './command-line.ts';

const USAGE = `usage: snapcopy audit [--store <url>] [--request <request-id or batch-id>]

Writes the audit log as JSON lines, oldest first; for a batch ID, the batch's entries and those of
every one of its items. The store defaults to SNAPCOPY_STORE_URL (environment or ./.env), else
${DEFAULT_STORE_URL}.`;

export interface AuditExportOptions {
  storeUrl: string;
  requestId?: string;
}

export function parseAuditArguments(
  argv: string[],
  env: Record<string, string | undefined>,
): AuditExportOptions {
  const options: AuditExportOptions = { storeUrl: env.SNAPCOPY_STORE_URL || DEFAULT_STORE_URL };
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    if (flag === '--store') options.storeUrl = value;
    else if (flag === '--request') options.requestId = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  return options;
}

export async function exportAudit(
  options: AuditExportOptions,
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  const store = await createStore(options.storeUrl);
  try {
    const { requestId } = options;
    if (requestId === undefined) return await exportAuditJsonLines(store.audit, write);
    // A batch's items are requests of their own, named after it: one pass over the log finds them all.
    if (isBatchId(requestId)) {
      const itemPrefix = `${requestId}-`;
      return await exportAuditJsonLines(
        store.audit,
        write,
        (entry) => entry.requestId === requestId || entry.requestId.startsWith(itemPrefix),
      );
    }
    const entries = await store.audit.forRequest(requestId);
    for (const entry of entries) await write(`${JSON.stringify(entry)}\n`);
    return entries.length;
  } finally {
    await store.close();
  }
}

export async function run(argv: string[]): Promise<void> {
  const options = readCommandLine(argv, USAGE, () => parseAuditArguments(argv, withEnvFile(process.env)));
  if (!options) return;
  try {
    const count = await exportAudit(options, (line) => {
      process.stdout.write(line);
    });
    console.error(`${count} audit entries from ${maskStoreUrl(options.storeUrl)}`);
  } catch (error) {
    console.error(`audit export failed: ${errorText(error)}`);
    process.exitCode = 1;
  }
}
