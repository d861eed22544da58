import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger.ts';
import type { AuditEntry, AuditLog } from './store.ts';
import type { RecordWrite } from './store-backend.ts';
import type { AuditStaging, KeyvCollection } from './versioned-collection.ts';

/** How many entries `entries()` loads per round trip while exporting. */
const EXPORT_BATCH_SIZE = 100;
const APPEND_ATTEMPTS = 3;

/** A change's audit entries as writes in the batch that stores the change. */
export interface StagedAudit {
  writes: RecordWrite[];
  /**
   * After the batch: an entry whose key was already taken is appended again under a new one. The
   * change itself is stored by then, so a failure here is logged, not raised.
   */
  settle(applied: readonly boolean[]): Promise<void>;
}

/**
 * Append-only: each entry gets its own key, written insert-if-absent, so two processes never
 * overwrite each other's entries. Keys are `<requestId>/<at>.<sequence>.<writer>` with
 * fixed-width numbers, so sorting the part after `/` orders entries by time and then by the
 * order one writer appended them.
 */
export function createAuditLog(entries: KeyvCollection<AuditEntry>, logger: Logger): AuditLog & AuditStaging {
  const writer = randomBytes(4).toString('hex');
  let sequence = 0;
  const newKey = (entry: AuditEntry) =>
    `${requestPrefix(entry.requestId)}${pad(Math.trunc(entry.at), 15)}.${pad(sequence++, 10)}.${writer}`;
  const logLost = (entry: AuditEntry, error: unknown) =>
    logger.error('audit entry not written', { requestId: entry.requestId, action: entry.action, error });

  const audit: AuditLog & AuditStaging = {
    async append(entry) {
      if (!hasValidTime(entry)) throw new Error(`audit entry has an invalid time: ${entry.at}`);
      for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
        if (await entries.create(newKey(entry), entry)) return;
      }
      throw new Error(`audit entry for request ${entry.requestId} collided with existing keys`);
    },

    stage(staged) {
      // A bad time must not keep the change it records from being stored.
      const valid = staged.filter((entry) => {
        if (!hasValidTime(entry)) logLost(entry, new Error(`audit entry has an invalid time: ${entry.at}`));
        return hasValidTime(entry);
      });
      return {
        writes: valid.map((entry) => entries.insertion(newKey(entry), entry)),
        async settle(applied) {
          const collided = valid.filter((_, index) => !applied[index]);
          await Promise.all(
            collided.map((entry) => audit.append(entry).catch((error) => logLost(entry, error))),
          );
        },
      };
    },

    async forRequest(requestId) {
      const keys = inTimeOrder(await entries.idsStartingWith(requestPrefix(requestId)));
      return present(await entries.getMany(keys));
    },

    async *entries() {
      const keys = inTimeOrder(await entries.ids());
      for (let start = 0; start < keys.length; start += EXPORT_BATCH_SIZE) {
        yield* present(await entries.getMany(keys.slice(start, start + EXPORT_BATCH_SIZE)));
      }
    },
  };
  return audit;
}

function hasValidTime(entry: AuditEntry): boolean {
  return Number.isFinite(entry.at) && entry.at >= 0;
}

/** Writes every audit entry, oldest first, as one JSON line each; returns how many. */
export async function exportAuditJsonLines(
  audit: AuditLog,
  write: (line: string) => void | Promise<void>,
  include: (entry: AuditEntry) => boolean = () => true,
): Promise<number> {
  let count = 0;
  for await (const entry of audit.entries()) {
    if (!include(entry)) continue;
    await write(`${JSON.stringify(entry)}\n`);
    count++;
  }
  return count;
}

/** Encoded so that no request id is a key prefix of another (`a` vs `a/b`). */
function requestPrefix(requestId: string): string {
  return `${encodeURIComponent(requestId)}/`;
}

function inTimeOrder(keys: string[]): string[] {
  const suffix = (key: string) => key.slice(key.lastIndexOf('/') + 1);
  return keys.sort((a, b) => compareText(suffix(a), suffix(b)) || compareText(a, b));
}

/** Code-unit order, not locale order: the keys are fixed-width ASCII. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function present(records: Array<{ value: AuditEntry } | undefined>): AuditEntry[] {
  return records.flatMap((record) => (record ? [record.value] : []));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
