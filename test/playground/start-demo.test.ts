/** Starting and stopping the demo: a busy port is one clear line and exit code 1; close() frees everything. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoPortInUseError, startDemo } from '../../src/local/demo/start-demo.ts';
import { DEFAULT_IDS } from '../../src/local/slack/index.ts';

let busy: Server;
let busyPort: number;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapcopy-demo-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('startDemo', () => {
  it('refuses a port that is in use, naming it and the way out', async () => {
    const started = startDemo({ port: busyPort, storeFile: join(dir, 'busy.sqlite') });
    await expect(started).rejects.toThrow(DemoPortInUseError);
    await expect(started).rejects.toThrow(
      `port ${busyPort} is already in use — is another demo running? use --port`,
    );
    expect(existsSync(join(dir, 'busy.sqlite'))).toBe(false);
  });

  it('serves the playground until closed, then frees its port', async () => {
    const demo = await startDemo({ storeFile: join(dir, 'demo.sqlite') });
    expect((await fetch(demo.url)).status).toBe(200);
    expect(existsSync(join(dir, 'demo.sqlite'))).toBe(true);
    await demo.close();
    await expect(fetch(demo.url)).rejects.toThrow();
  });

  it('runs the bot in Socket Mode: a slash command reaches it over its connection', async () => {
    const demo = await startDemo({ storeFile: join(dir, 'socket.sqlite'), socketMode: true });
    try {
      expect(demo.slack.socketMode?.connectionCount()).toBe(1);
      const before = demo.slack.state.openViews(DEFAULT_IDS.requester).length;
      await demo.slack.driver.slashCommand({
        userId: DEFAULT_IDS.requester,
        channelId: DEFAULT_IDS.opsChannel,
      });
      // The loading modal first, then the form: waiting for it lets the bot finish before close.
      await demo.slack.waitFor(() =>
        demo.slack.state
          .openViews(DEFAULT_IDS.requester)
          .slice(before)
          .some((open) => open.view.blocks.some((block) => block.type === 'input')),
      );
      expect(demo.slack.socketMode?.envelopes()).toMatchObject([{ type: 'slash_commands' }]);
    } finally {
      await demo.close();
    }
  });
});

describe('snapcopy demo', () => {
  it('prints one line and exits with code 1 when the port is busy', async () => {
    const run = promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'src/cli.ts',
      'demo',
      '--port',
      String(busyPort),
    ]);
    const failure = await run.then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      `port ${busyPort} is already in use — is another demo running? use --port to pick another`,
    );
    expect(failure?.stdout).toBe('');
  }, 60_000);
});
