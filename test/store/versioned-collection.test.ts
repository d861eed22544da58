import { describe, expect, it } from 'vitest';
import { incrementTimes } from './support/increment.ts';
import { storeBackendCases, useTestStores } from './support/store-backends.ts';

describe.each(storeBackendCases())('versioned collection on $name', (backend) => {
  const stores = useTestStores(backend);

  it('creates at version 1 and refuses to create an id twice', async () => {
    const requests = (await stores.open()).collection<{ state: string }>('requests');

    expect(await requests.create('r1', { state: 'new' })).toEqual({ version: 1, value: { state: 'new' } });
    expect(await requests.create('r1', { state: 'other' })).toBeUndefined();
    expect(await requests.get('r1')).toEqual({ version: 1, value: { state: 'new' } });
    expect(await requests.get('missing')).toBeUndefined();
  });

  it('round-trips JSON values, including strings Keyv escapes', async () => {
    const records = (await stores.open()).collection<unknown>('records');
    const value = { text: ':colon first', nested: { list: [1, 'two', null, { deep: true }] }, empty: {} };

    await records.create('v', value);

    expect((await records.get('v'))?.value).toEqual(value);
  });

  it('updates only from the stored version', async () => {
    const requests = (await stores.open()).collection<string>('requests');
    await requests.create('r1', 'a');

    expect(await requests.update('r1', 1, 'b')).toEqual({ version: 2, value: 'b' });
    expect(await requests.update('r1', 1, 'stale')).toBeUndefined();
    expect(await requests.update('r1', 3, 'future')).toBeUndefined();
    expect(await requests.update('missing', 1, 'x')).toBeUndefined();
    expect(await requests.get('r1')).toEqual({ version: 2, value: 'b' });
  });

  it('deletes, after which the id can be created again', async () => {
    const requests = (await stores.open()).collection<string>('requests');
    await requests.create('r1', 'a');
    await requests.update('r1', 1, 'b');

    await requests.delete('r1');
    await requests.delete('never-existed');

    expect(await requests.get('r1')).toBeUndefined();
    expect(await requests.create('r1', 'again')).toEqual({ version: 1, value: 'again' });
  });

  it('lists every id, before and after deletes, and only its own collection', async () => {
    const store = await stores.open();
    const requests = store.collection<number>('requests');
    const others = store.collection<number>('requests-other');
    const ids = Array.from({ length: 40 }, (_, i) => `req-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) await requests.create(id, i);
    await others.create('foreign', 0);
    await store.archive<number>('requests', 60_000).create('archived', 0);

    expect(await requests.ids()).toEqual(ids);

    const listed = await requests.ids();
    for (const id of listed.filter((_, i) => i % 3 === 0)) await requests.delete(id);

    expect(await requests.ids()).toEqual(ids.filter((_, i) => i % 3 !== 0));
    expect(await others.ids()).toEqual(['foreign']);
  });

  it('treats LIKE and glob characters in ids literally', async () => {
    const records = (await stores.open()).collection<string>('records');
    for (const id of ['a_b', 'a%b', 'a*b', 'a[b]', 'axb', 'a:b']) await records.create(id, id);

    expect((await records.ids()).sort()).toEqual(['a%b', 'a*b', 'a:b', 'a[b]', 'a_b', 'axb']);
    expect(await records.get('a:b')).toEqual({ version: 1, value: 'a:b' });
  });

  it('keeps data across reopening the store', async () => {
    const first = await stores.open();
    await first.collection<string>('requests').create('r1', 'durable');
    await first.close();

    const second = await stores.open();

    expect(await second.collection<string>('requests').get('r1')).toEqual({ version: 1, value: 'durable' });
  });

  it('loses no update when two stores increment the same record concurrently', async () => {
    const [a, b] = [await stores.open(), await stores.open()];
    const perWriter = 30;

    await Promise.all([
      incrementTimes(a.collection<number>('counters'), 'shared', perWriter),
      incrementTimes(b.collection<number>('counters'), 'shared', perWriter),
    ]);

    expect(await a.collection<number>('counters').get('shared')).toEqual({
      version: 2 * perWriter,
      value: 2 * perWriter,
    });
  });

  it('rejects names that could collide with the store’s own namespaces', async () => {
    const store = await stores.open();

    expect(() => store.collection('_audit')).toThrow(/name/);
    expect(() => store.collection('a.archive')).toThrow(/name/);
    expect(() => store.archive('done', 0)).toThrow(/retention/);
    expect(() => store.archive('done', Number.POSITIVE_INFINITY)).toThrow(/retention/);
  });
});
