import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.ts';
import { incrementTimes } from './support/increment.ts';
import { silentLogger } from './support/store-backends.ts';

const WORKER = join(import.meta.dirname, 'support', 'increment-worker.ts');

describe('one SQLite file shared by two processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapcopy-store-processes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no increment when another process writes the same record at the same time', async () => {
    const file = join(dir, 'nested', 'snapcopy.sqlite');
    const url = `sqlite:${file}`;
    const store = await createStore(url, { namespace: 'shared', logger: silentLogger });
    const times = 40;
    try {
      const child = promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        WORKER,
        url,
        'shared',
        String(times),
      ]);

      await Promise.all([child, incrementTimes(store.collection<number>('counters'), 'shared', times)]);

      expect(await store.collection<number>('counters').get('shared')).toEqual({
        version: 2 * times,
        value: 2 * times,
      });
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps every committed write of a process that is killed without closing the store', async () => {
    const url = `sqlite:${join(dir, 'killed.sqlite')}`;
    const times = 25;
    const child = promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      WORKER,
      url,
      'killed',
      String(times),
      'kill',
    ]);
    await expect(child).rejects.toMatchObject({ signal: 'SIGKILL' });

    const store = await createStore(url, { namespace: 'killed', logger: silentLogger });
    try {
      expect((await store.collection<number>('counters').get('shared'))?.value).toBe(times);
    } finally {
      await store.close();
    }
  });
});
