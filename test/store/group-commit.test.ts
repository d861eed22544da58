import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createKeyvStore } from '../../src/store/keyv-store.ts';
import { SQLITE_TABLE } from '../../src/store/sqlite-backend.ts';
import type { AuditEntry, Store } from '../../src/store/store.ts';
import type { StoreBackend } from '../../src/store/store-backend.ts';
import {
  type StoreBackendCase,
  silentLogger,
  storeBackendCases,
  useTestStores,
} from './support/store-backends.ts';

const entry = (requestId: string, action: string): AuditEntry => ({
  requestId,
  at: 1_000,
  actor: 'U0APPROVER',
  action,
});

/** Every batch the store hands its backend (one transaction each), and what happened around it. */
interface Observed {
  store: Store;
  batches: number[];
  events: string[];
  /** Keeps the next batches from reaching the database until `release()`. */
  hold: () => void;
  release: () => void;
}

function observedStores(backend: StoreBackendCase) {
  const stores = useTestStores(backend);
  return {
    stores,
    async open(): Promise<Observed> {
      const inner = await backend.openBackend(stores.current.url);
      const batches: number[] = [];
      const events: string[] = [];
      let held: Promise<void> | undefined;
      let release = () => {};
      const observed: StoreBackend = {
        openKeyv: (namespace) => inner.openKeyv(namespace),
        liveIds: (namespace, prefix, now) => inner.liveIds(namespace, prefix, now),
        close: () => inner.close(),
        async writeBatch(writes, now) {
          batches.push(writes.length);
          await held;
          const applied = await inner.writeBatch(writes, now);
          events.push('committed');
          return applied;
        },
      };
      const store = createKeyvStore(observed, {
        logger: silentLogger,
        namespace: stores.current.namespace,
        clock: Date.now,
      });
      stores.adopt(store);
      return {
        store,
        batches,
        events,
        hold() {
          held = new Promise<void>((resolve) => {
            release = resolve;
          });
        },
        release: () => release(),
      };
    },
  };
}

describe.each(storeBackendCases())('group commit on $name', (backend) => {
  const observed = observedStores(backend);

  async function withRecords(count: number) {
    const opened = await observed.open();
    const requests = opened.store.collection<string>('requests');
    const ids = Array.from({ length: count }, (_, index) => `r${index}`);
    await Promise.all(ids.map((id) => requests.create(id, 'waiting')));
    opened.batches.length = 0;
    opened.events.length = 0;
    return { ...opened, requests, ids };
  }

  it('writes the changes queued in one turn, their audit entries and other collections’ writes in one transaction', async () => {
    const { store, requests, ids, batches } = await withRecords(20);

    const [updated, created, appended] = await Promise.all([
      Promise.all(
        ids.map((id) => requests.update(id, 1, 'approved', [entry(id, 'approved'), entry(id, 'state:a->b')])),
      ),
      store.archive<string>('requests', 60_000).create('old', 'done'),
      store.audit.append(entry('r0', 'noted')),
    ]);

    expect(batches).toEqual([20 * 3 + 2]);
    expect(updated).toEqual(ids.map(() => ({ version: 2, value: 'approved' })));
    expect(created).toEqual({ version: 1, value: 'done' });
    expect(appended).toBeUndefined();
    expect((await store.audit.forRequest('r7')).map((e) => e.action)).toEqual(['approved', 'state:a->b']);
    expect((await store.audit.forRequest('r0')).map((e) => e.action).sort()).toEqual([
      'approved',
      'noted',
      'state:a->b',
    ]);
  });

  it('answers every waiter of a batch only after the batch committed', async () => {
    const { requests, ids, events, hold, release } = await withRecords(5);
    hold();

    const waiters = ids.map((id) =>
      requests.update(id, 1, 'approved', [entry(id, 'approved')]).then((written) => {
        events.push(`answered ${id}`);
        return written;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answeredWhileHeld = [...events];
    release();
    await Promise.all(waiters);

    expect(answeredWhileHeld).toEqual([]);
    expect(events).toEqual(['committed', ...ids.map((id) => `answered ${id}`)]);
    const reader = await observed.stores.open();
    expect(await reader.collection<string>('requests').get('r3')).toEqual({ version: 2, value: 'approved' });
  });

  it('fails only the write whose compare-and-set fails, and stores none of its audit entries', async () => {
    const { store, requests, batches } = await withRecords(3);
    await requests.update('r1', 1, 'taken by another writer');
    batches.length = 0;

    const results = await Promise.all(
      ['r0', 'r1', 'r2'].map((id) => requests.update(id, 1, 'approved', [entry(id, 'approved')])),
    );

    expect(batches).toEqual([6]);
    expect(results).toEqual([
      { version: 2, value: 'approved' },
      undefined,
      { version: 2, value: 'approved' },
    ]);
    expect(await requests.get('r1')).toEqual({ version: 2, value: 'taken by another writer' });
    expect(await store.audit.forRequest('r1')).toEqual([]);
    expect((await store.audit.forRequest('r2')).map((e) => e.action)).toEqual(['approved']);
  });

  it('commits writes of separate turns separately, and a write queued during a commit in the next one', async () => {
    const { requests, batches, hold, release } = await withRecords(3);

    await requests.update('r0', 1, 'a');
    await requests.update('r1', 1, 'b');
    expect(batches).toEqual([1, 1]);

    hold();
    const first = requests.update('r2', 1, 'c');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = requests.update('r2', 2, 'd');
    const third = requests.update('r0', 2, 'e');
    release();

    expect(await Promise.all([first, second, third])).toEqual([
      { version: 2, value: 'c' },
      { version: 3, value: 'd' },
      { version: 3, value: 'e' },
    ]);
    expect(batches).toEqual([1, 1, 1, 2]);
  });

  it('commits the writes queued before the store closes', async () => {
    const { store, requests } = await withRecords(1);

    const pending = requests.update('r0', 1, 'approved', [entry('r0', 'approved')]);
    await store.close();

    expect(await pending).toEqual({ version: 2, value: 'approved' });
    const reader = await observed.stores.open();
    expect(await reader.collection<string>('requests').get('r0')).toEqual({ version: 2, value: 'approved' });
    expect((await reader.audit.forRequest('r0')).map((e) => e.action)).toEqual(['approved']);
  });
});

describe('a batch that fails on SQLite', () => {
  const [sqlite] = storeBackendCases();
  const stores = useTestStores(sqlite!);

  it('is rolled back whole, and every write of it rejects', async () => {
    const store = await stores.open();
    const requests = store.collection<string>('requests');
    await requests.create('r0', 'waiting');
    const db = new Database(stores.current.url.slice('sqlite:'.length));
    db.exec(`CREATE TRIGGER refuse_doomed BEFORE INSERT ON ${SQLITE_TABLE}
      WHEN NEW.key LIKE '%doomed%' BEGIN SELECT RAISE(ABORT, 'doomed refused'); END`);
    db.close();

    const results = await Promise.allSettled([
      requests.update('r0', 1, 'approved', [entry('r0', 'approved')]),
      requests.create('doomed', 'never'),
    ]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await requests.get('r0')).toEqual({ version: 1, value: 'waiting' });
    expect(await store.audit.forRequest('r0')).toEqual([]);
    expect(await requests.update('r0', 1, 'approved')).toEqual({ version: 2, value: 'approved' });
  });
});
