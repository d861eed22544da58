import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { storeBackendCases, useTestStores } from './support/store-backends.ts';

/** Short enough to wait out in a test; the waits below are well past it. */
const SHORT_RETENTION_MS = 100;
const EXPIRED_WAIT_MS = SHORT_RETENTION_MS * 4;
/** Long enough that no test, however slow the machine, outlives it. */
const LONG_RETENTION_MS = 600_000;

describe.each(storeBackendCases())('archive on $name', (backend) => {
  const stores = useTestStores(backend);

  it('reads, lists and updates entries while they are retained', async () => {
    const archive = (await stores.open()).archive<string>('requests', LONG_RETENTION_MS);
    await archive.create('r1', 'done');
    await archive.create('r2', 'done');

    expect(await archive.update('r2', 1, 'noted')).toEqual({ version: 2, value: 'noted' });
    expect(await archive.get('r1')).toEqual({ version: 1, value: 'done' });
    expect(await archive.ids()).toEqual(['r1', 'r2']);
  });

  it('forgets entries once the retention has passed', async () => {
    const archive = (await stores.open()).archive<string>('requests', SHORT_RETENTION_MS);
    await archive.create('r1', 'done');
    await archive.create('r2', 'done');

    await sleep(EXPIRED_WAIT_MS);

    expect(await archive.ids()).toEqual([]);
    expect(await archive.get('r1')).toBeUndefined();
    expect(await archive.update('r2', 1, 'late')).toBeUndefined();
  });

  it('purges expired rows from the database once listed', async () => {
    const store = await stores.open();
    const archive = store.archive<string>('requests', SHORT_RETENTION_MS);
    await archive.create('r1', 'done');
    await store.collection<string>('requests').create('active', 'open');

    await sleep(EXPIRED_WAIT_MS);
    await archive.ids();

    expect(await backend.rawKeys(stores.current.url, stores.current.namespace)).toEqual([
      expect.stringContaining('active'),
    ]);
  });

  it('lets an expired id be archived again from version 1', async () => {
    const archive = (await stores.open()).archive<string>('requests', SHORT_RETENTION_MS);
    await archive.create('r1', 'first');

    await sleep(EXPIRED_WAIT_MS);

    expect(await archive.create('r1', 'second')).toEqual({ version: 1, value: 'second' });
    expect(await archive.get('r1')).toEqual({ version: 1, value: 'second' });
  });

  it('restarts the retention on every write', async () => {
    // Margins of over a second on each side, so a loaded machine cannot flip the outcome.
    const retentionMs = 3_000;
    const archive = (await stores.open()).archive<string>('requests', retentionMs);
    await archive.create('r1', 'first');

    await sleep(retentionMs * 0.6);
    await archive.update('r1', 1, 'second');
    await sleep(retentionMs * 0.6);

    expect(await archive.get('r1')).toEqual({ version: 2, value: 'second' });
  });
});
