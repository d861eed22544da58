import { createClient, createKeyv } from '@keyv/redis';
import type { Logger } from '../observability/logger.ts';
import type { KeyvRow, StoreBackend } from './store-backend.ts';

/** @keyv/redis joins namespace and id with this; the CAS script must address the same key. */
const KEY_SEPARATOR = '::';
const CONNECT_TIMEOUT_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/** Replaces the value only if the stored record still has the expected version (Keyv's JSON). */
const REPLACE_IF_VERSION = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local stored = cjson.decode(current)
if type(stored.value) ~= 'table' or stored.value.version ~= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1`;

export async function openRedisBackend(url: string, logger: Logger): Promise<StoreBackend> {
  let connected = false;
  const client = createClient({
    url,
    // A command during an outage fails at once (and the caller retries) instead of queueing
    // silently until the server is back.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Unreachable at start: fail the start. Lost later: keep reconnecting with backoff.
      reconnectStrategy: (retries) => connected && Math.min(2 ** retries * 100, MAX_RECONNECT_DELAY_MS),
    },
  });
  client.on('error', (error: unknown) => logger.debug('redis connection error', { error }));
  await client.connect();
  connected = true;

  const rowKey = (namespace: string, id: string) => `${namespace}${KEY_SEPARATOR}${id}`;
  const px = (row: KeyvRow) => (row.ttlMs === undefined ? undefined : Math.max(1, Math.ceil(row.ttlMs)));

  return {
    openKeyv: (namespace) =>
      createKeyv(client, { namespace, keyPrefixSeparator: KEY_SEPARATOR, throwOnErrors: true }),

    async insertIfAbsent(namespace, id, row) {
      const ttl = px(row);
      const options = ttl === undefined ? { NX: true as const } : { NX: true as const, PX: ttl };
      return (await client.set(rowKey(namespace, id), row.text, options)) === 'OK';
    },

    async replaceIfVersion(namespace, id, expectedVersion, row) {
      const result = await client.eval(REPLACE_IF_VERSION, {
        keys: [rowKey(namespace, id)],
        arguments: [String(expectedVersion), row.text, String(px(row) ?? '')],
      });
      return result === 1;
    },

    async liveIds(namespace, prefix) {
      const start = rowKey(namespace, '');
      const ids = new Set<string>();
      // SCAN may return a key more than once, never misses one that exists throughout, and
      // skips keys whose TTL has passed; errors propagate instead of ending the scan early.
      for await (const keys of client.scanIterator({ MATCH: `${escapeGlob(start + prefix)}*`, COUNT: 250 })) {
        for (const key of keys) ids.add(key.slice(start.length));
      }
      return [...ids].sort();
    },

    async close() {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
