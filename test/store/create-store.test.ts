import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.ts';
import { silentLogger } from './support/store-backends.ts';

describe('createStore', () => {
  it('opens a private in-memory SQLite store for sqlite::memory:', async () => {
    const [a, b] = [
      await createStore('sqlite::memory:', { logger: silentLogger }),
      await createStore('sqlite::memory:', { logger: silentLogger }),
    ];
    try {
      await a.collection<string>('requests').create('r1', 'only in a');

      expect(await a.collection<string>('requests').get('r1')).toEqual({ version: 1, value: 'only in a' });
      expect(await b.collection<string>('requests').ids()).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses an unknown scheme before touching anything', async () => {
    await expect(createStore('mongodb://db/snapcopy')).rejects.toThrow(
      /unsupported store URL scheme "mongodb:"/,
    );
  });

  it('refuses a namespace that could not be told apart from a key', async () => {
    await expect(createStore('sqlite::memory:', { namespace: 'a:b', logger: silentLogger })).rejects.toThrow(
      /namespace/,
    );
  });
});
