import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';
import { SECRET_PASSWORD, storeBackendCases, useTestStores } from './support/store-backends.ts';

/** Every kind of store call, each of which must reject (not resolve empty) when the database is gone. */
const everyCall = (store: Store): Array<[string, () => Promise<unknown>]> => {
  const requests = store.collection<string>('requests');
  return [
    ['get', () => requests.get('r1')],
    ['create', () => requests.create('r2', 'new')],
    ['update', () => requests.update('r1', 1, 'changed')],
    ['delete', () => requests.delete('r1')],
    ['ids', () => requests.ids()],
    ['archive ids', () => store.archive<string>('requests', 60_000).ids()],
    ['audit append', () => store.audit.append({ requestId: 'r1', at: 1, actor: 'snapcopy', action: 'x' })],
    ['audit forRequest', () => store.audit.forRequest('r1')],
    ['lease acquire', () => store.leases.acquire('leader', 'replica-a', 1_000)],
  ];
};

describe.each(storeBackendCases())('store failures on $name', (backend) => {
  const stores = useTestStores(backend);

  it('fails to open an unreachable database, never showing the password', async () => {
    const url = await backend.unreachableUrl();
    const lines: string[] = [];
    const logger = createLogger('store-test', { write: (line) => lines.push(line) });

    const opening = createStore(url, { logger });

    await expect(opening).rejects.toThrow(/^cannot open store /);
    const message = await opening.then(
      () => '',
      (error: Error) => `${error.message} ${String(error.stack)}`,
    );
    expect(message).not.toContain(SECRET_PASSWORD);
    expect(lines.join('\n')).not.toContain(SECRET_PASSWORD);
  });

  it('throws from every call once the database goes away under a running store', async () => {
    const { store, cutOff } = await backend.openForOutage(stores.current.namespace);
    try {
      await store.collection<string>('requests').create('r1', 'open');

      await cutOff();

      for (const [name, call] of everyCall(store)) {
        await expect(call(), name).rejects.toThrow();
      }
    } finally {
      await store.close();
    }
  });

  it('throws from every call after close', async () => {
    const store = await stores.open();
    await store.close();

    for (const [name, call] of everyCall(store)) {
      await expect(call(), name).rejects.toThrow(/closed/);
    }
  });
});
