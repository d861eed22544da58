import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_ACCESS_KEY } from '../../../src/local/alibaba/index.ts';

const BIN = new URL('../../../bin/snapcopy.js', import.meta.url).pathname;
const running: ChildProcess[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function startCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'cloud', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(stdout)) {
      if (child.exitCode !== null) throw new Error(`cli exited early: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return pattern.exec(stdout)!;
  };
  return { child, exited, output, waitFor };
}

describe('snapcopy cloud', () => {
  it('prints the endpoint and the local AccessKey, serves, and stops cleanly on SIGINT', async () => {
    const cli = startCli(['--port', '0', '--speed', '10']);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(cli.output().stdout).toContain(LOCAL_ACCESS_KEY.accessKeyId);
    expect(cli.output().stdout).toContain(LOCAL_ACCESS_KEY.accessKeySecret);
    const state = (await (await fetch(`${url}/_standin/state`)).json()) as { speed: number };
    expect(state.speed).toBe(10);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain('stand-in stopped');
  });

  it('says in one line that a busy port is busy and exits with 1', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const cli = startCli(['--port', String(port)]);
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr.trim()).toBe(
      `snapcopy cloud: port ${port} is already in use; pick another with --port`,
    );
  });

  it('refuses a bad option with usage and exit code 2', async () => {
    const cli = startCli(['--speed', 'fast']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain('--speed must be a number');
  });
});
