/**
 * Run as a separate process by the SQLite sharing test: opens the store named on the command
 * line and increments one counter, so two processes contend for the same file.
 * Usage: increment-worker.ts <store-url> <namespace> <times>
 */
import { createStore } from '../../../src/store/index.ts';
import { incrementTimes } from './increment.ts';
import { silentLogger } from './store-backends.ts';

const [url, namespace, times] = process.argv.slice(2);
if (!url || !namespace || !times)
  throw new Error('usage: increment-worker.ts <store-url> <namespace> <times>');
const store = await createStore(url, { namespace, logger: silentLogger });
try {
  await incrementTimes(store.collection<number>('counters'), 'shared', Number(times));
} finally {
  await store.close();
}
