import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { BetterSqliteKeyvAdapter } from '../../src/store/sqlite-adapter.ts';

describe('Keyv over the better-sqlite3 adapter', () => {
  const databases: Database.Database[] = [];
  const keyvOn = (db: Database.Database, namespace: string) =>
    new Keyv({ store: new BetterSqliteKeyvAdapter(db, 'keyv'), namespace, throwOnErrors: true });
  const openDatabase = () => {
    const db = new Database(':memory:');
    databases.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of databases.splice(0)) if (db.open) db.close();
  });

  it('sets, gets, checks and deletes values in a namespace', async () => {
    const keyv = keyvOn(openDatabase(), 'requests');

    await keyv.set('r1', { state: 'open', tags: ['a'] });

    expect(await keyv.get('r1')).toEqual({ state: 'open', tags: ['a'] });
    expect(await keyv.has('r1')).toBe(true);
    expect(await keyv.get(['r1', 'missing'])).toEqual([{ state: 'open', tags: ['a'] }, undefined]);
    expect(await keyv.delete('r1')).toBe(true);
    expect(await keyv.delete('r1')).toBe(false);
    expect(await keyv.get('r1')).toBeUndefined();
  });

  it('stores rows in @keyv/sqlite’s layout, key prefixed with the namespace', async () => {
    const db = openDatabase();

    await keyvOn(db, 'requests').set('r1', 'open');

    const row = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM keyv').get();
    expect(row).toEqual({ key: 'requests:r1', value: '{"value":"open"}' });
  });

  it('lets Keyv expire entries by TTL', async () => {
    const keyv = keyvOn(openDatabase(), 'archive');

    await keyv.set('short', 'gone soon', 50);
    await keyv.set('long', 'stays', 600_000);
    await sleep(200);

    expect(await keyv.get('short')).toBeUndefined();
    expect(await keyv.get('long')).toBe('stays');
  });

  it('clears only its own namespace', async () => {
    const db = openDatabase();
    const requests = keyvOn(db, 'requests');
    const archive = keyvOn(db, 'archive');
    await requests.set('r1', 1);
    await archive.set('r1', 2);

    await requests.clear();

    expect(await requests.get('r1')).toBeUndefined();
    expect(await archive.get('r1')).toBe(2);
  });

  it('throws from Keyv once the database handle is closed, instead of reporting a miss', async () => {
    const db = openDatabase();
    const keyv = keyvOn(db, 'requests');
    keyv.on('error', () => {});
    await keyv.set('r1', 'open');

    db.close();

    await expect(keyv.get('r1')).rejects.toThrow(/not open/);
    await expect(keyv.set('r2', 'x')).rejects.toThrow(/not open/);
    await expect(keyv.delete('r1')).rejects.toThrow(/not open/);
  });
});
