import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/bot-config.ts';

const example = parseEnv(readFileSync('.env.example', 'utf8'));

/** Adds the names loadConfig looks up in `values` to `read`, recorded through a proxy environment. */
function recordSettingsRead(values: Record<string, string | undefined>, read: Set<string>): void {
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  loadConfig(env);
}

describe('.env.example', () => {
  it('lists every setting the bot reads, and nothing else', () => {
    const read = new Set<string>();
    recordSettingsRead(example, read);
    // Replica settings are read only for stores that several processes can share.
    recordSettingsRead({ ...example, SNAPCOPY_STORE_URL: 'redis://127.0.0.1:6379' }, read);
    expect([...read].sort()).toEqual(Object.keys(example).sort());
  });

  it('is a valid configuration once its placeholders are filled in', () => {
    const config = loadConfig(example);
    expect(config.approval.channelId).toBe('C012ABCDEF');
  });

  it('explains every setting with a comment', () => {
    const lines = readFileSync('.env.example', 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (/^[A-Z_]+=/.test(line)) expect(lines[index - 1], line).toMatch(/^#/);
    });
  });
});
