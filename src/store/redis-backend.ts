import { createClient, createKeyv } from '@keyv/redis';
import type { Logger } from '../observability/logger.ts';
import type { KeyvRow, StoreBackend } from './store-backend.ts';

/** @keyv/redis joins namespace and id with this; the CAS script must address the same key. */
const KEY_SEPARATOR = '::';
const CONNECT_TIMEOUT_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * A batch of writes as one script, so no other client's command runs in between: per key
 * (`KEYS[i]`) five arguments, `kind` (`insert` or `replace`), `follows` (`1`: only when its lead
 * was applied), the expected version, Keyv's JSON and the TTL in ms (empty: none). The same rule
 * as `batchOutcomes`. A stored value that is not Keyv's JSON fails that write's condition instead
 * of raising, since a script that raises keeps the writes it made before.
 */
const WRITE_BATCH = `
local applied = {}
local leadApplied = false
for i = 1, #KEYS do
  local at = (i - 1) * 5
  local kind, follows, version, text, px = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4], ARGV[at + 5]
  local done = false
  if follows == '0' or leadApplied then
    local allowed = kind == 'insert'
    if not allowed then
      local current = redis.call('GET', KEYS[i])
      if current then
        local ok, stored = pcall(cjson.decode, current)
        allowed = ok and type(stored) == 'table' and type(stored.value) == 'table'
          and stored.value.version == tonumber(version)
      end
    end
    if allowed then
      local options = {}
      if kind == 'insert' then options[#options + 1] = 'NX' end
      if px ~= '' then options[#options + 1] = 'PX'; options[#options + 1] = px end
      done = redis.call('SET', KEYS[i], text, unpack(options)) ~= false
    end
  end
  if follows == '0' then leadApplied = done end
  applied[i] = done and 1 or 0
end
return applied`;

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

    async writeBatch(writes) {
      const applied = await client.eval(WRITE_BATCH, {
        keys: writes.map((write) => rowKey(write.namespace, write.id)),
        arguments: writes.flatMap((write) => [
          write.expectedVersion === undefined ? 'insert' : 'replace',
          write.follows ? '1' : '0',
          String(write.expectedVersion ?? ''),
          write.row.text,
          String(px(write.row) ?? ''),
        ]),
      });
      return (applied as number[]).map((result) => result === 1);
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
