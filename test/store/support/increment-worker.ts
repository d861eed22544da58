/**
 * Run as a separate process by the SQLite sharing test: opens the store named on the command
 * line and increments one counter, so two processes contend for the same file.
 * With `kill`, it then kills itself (SIGKILL) instead of closing the store.
 * Usage: increment-worker.ts <store-url> <namespace> <times> [kill]
 */
import { createStore } from '../../../src/store/index.ts';
import { incrementTimes } from './increment.ts';
import { silentLogger } from './store-backends.ts';

const [url, namespace, times, end] = process.argv.slice(2);
if (!url || !namespace || !times)
  throw new Error('usage: increment-worker.ts <store-url> <namespace> <times>');
const store = await createStore(url, { namespace, logger: silentLogger });
try {
  await incrementTimes(store.collection<number>('counters'), 'shared', Number(times));
  if (end === 'kill') process.kill(process.pid, 'SIGKILL');
} finally {
  await store.close();
}
