/**
 * An app under test in its own Node process, as in production: its event loop shared with no
 * load generator and no stand-in. Ready once it logs (on stderr, one JSON object per line) the
 * line `ready` picks out; stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bot's own entry point, as an operator starts it: `node bin/snapcopy.js bot`. */
export const BOT_ENTRY = fileURLToPath(new URL('../../bin/snapcopy.js', import.meta.url));

export interface AppProcess<T> {
  ready: T;
  stop(): Promise<void>;
}

export interface AppProcessOptions<T> {
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** What the app says once it listens; `undefined` for every other line. */
  ready(entry: Record<string, unknown>): T | undefined;
  limitMs?: number;
}

export async function startAppProcess<T>(options: AppProcessOptions<T>): Promise<AppProcess<T>> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  const limit = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 120_000);
  try {
    const ready = await new Promise<T>((resolve, reject) => {
      let buffered = '';
      let isReady = false;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
          if (isReady || !line.startsWith('{')) continue;
          const found = options.ready(JSON.parse(line) as Record<string, unknown>);
          if (found === undefined) continue;
          isReady = true;
          resolve(found);
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`${options.args.join(' ')} exited (${code}) before it was ready`)),
      );
    });
    clearTimeout(limit);
    return { ready, stop };
  } catch (error) {
    clearTimeout(limit);
    await stop();
    throw error;
  }
}
