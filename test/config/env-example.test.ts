import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/bot-config.ts';

const example = parseEnv(readFileSync('.env.example', 'utf8'));

/** The names loadConfig looks up, recorded through a proxy environment. */
function settingsRead(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(example, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  loadConfig(env);
  return read;
}

describe('.env.example', () => {
  it('lists every setting the bot reads, and nothing else', () => {
    expect([...settingsRead()].sort()).toEqual(Object.keys(example).sort());
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
