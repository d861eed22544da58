/**
 * Reads a `.env` file when there is one. The process environment always wins over the file, so a
 * deployment can override a developer's local file without editing it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type Environment = Record<string, string | undefined>;

export function withEnvFile(env: Environment, path = '.env'): Environment {
  if (!existsSync(path)) return env;
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...definedOnly(env) };
}

function definedOnly(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
