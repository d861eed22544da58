import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportAudit, parseAuditArguments } from '../../src/app/audit-command.ts';
import { createStore } from '../../src/store/index.ts';

let directory: string | undefined;
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

async function storeWithEntries(): Promise<string> {
  directory = await mkdtemp(join(tmpdir(), 'snapcopy-audit-'));
  const url = `sqlite:${join(directory, 'store.sqlite')}`;
  const store = await createStore(url);
  await store.audit.append({ requestId: 'sc-a', at: 1, actor: 'U1', action: 'submitted' });
  await store.audit.append({ requestId: 'sc-b', at: 2, actor: 'U2', action: 'submitted' });
  await store.audit.append({
    requestId: 'sc-a',
    at: 3,
    actor: 'snapcopy',
    action: 'copy.started',
    cloudRequestIds: ['C8B2-0001'],
  });
  await store.close();
  return url;
}

describe('snapcopy audit', () => {
  it('exports every entry as JSON lines, oldest first', async () => {
    const storeUrl = await storeWithEntries();
    const lines: string[] = [];
    const count = await exportAudit({ storeUrl }, (line) => {
      lines.push(line);
    });
    expect(count).toBe(3);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    const entries = lines.map((line) => JSON.parse(line) as { at: number; action: string });
    expect(entries.map((entry) => entry.at)).toEqual([1, 2, 3]);
    expect(entries[2]).toMatchObject({ action: 'copy.started', cloudRequestIds: ['C8B2-0001'] });
  });

  it("exports one request's entries", async () => {
    const storeUrl = await storeWithEntries();
    const lines: string[] = [];
    await exportAudit({ storeUrl, requestId: 'sc-a' }, (line) => {
      lines.push(line);
    });
    expect(lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual([
      'sc-a',
      'sc-a',
    ]);
  });

  it("exports a batch's entries with those of its items, and nothing of another batch", async () => {
    directory = await mkdtemp(join(tmpdir(), 'snapcopy-audit-'));
    const storeUrl = `sqlite:${join(directory, 'store.sqlite')}`;
    const store = await createStore(storeUrl);
    const entry = (requestId: string, at: number) => ({ requestId, at, actor: 'U1', action: 'submitted' });
    await store.audit.append(entry('sb-aaaaaaaaaa', 1));
    await store.audit.append(entry('sb-aaaaaaaaaa-001', 2));
    await store.audit.append(entry('sb-aaaaaaaaab-001', 3));
    await store.audit.append(entry('sb-aaaaaaaaaa-002', 4));
    await store.close();
    const lines: string[] = [];
    const count = await exportAudit({ storeUrl, requestId: 'sb-aaaaaaaaaa' }, (line) => {
      lines.push(line);
    });
    expect(count).toBe(3);
    expect(lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId)).toEqual([
      'sb-aaaaaaaaaa',
      'sb-aaaaaaaaaa-001',
      'sb-aaaaaaaaaa-002',
    ]);
  });

  it('reads the store from the environment unless --store is given, and refuses unknown flags', () => {
    expect(parseAuditArguments([], { SNAPCOPY_STORE_URL: 'redis://h:6379' }).storeUrl).toBe('redis://h:6379');
    expect(parseAuditArguments(['--store', 'sqlite::memory:', '--request', 'sc-a'], {})).toEqual({
      storeUrl: 'sqlite::memory:',
      requestId: 'sc-a',
    });
    expect(() => parseAuditArguments(['--store'], {})).toThrow('--store needs a value');
    expect(() => parseAuditArguments(['--since', 'x'], {})).toThrow('unknown argument --since');
  });
});
