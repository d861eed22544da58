/** `snapcopy bot` as an operator runs it: a child process configured by its environment. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AlibabaStandIn, startAlibabaStandIn } from '../../src/local/alibaba/index.ts';
import {
  DEFAULT_IDS as ids,
  LOCAL_BOT_TOKEN,
  LOCAL_SIGNING_SECRET,
  type SlackStandIn,
  startSlackStandIn,
} from '../../src/local/slack/index.ts';
import { standInEnvironment } from '../../src/local/stand-in-environment.ts';
import { createLogger } from '../../src/observability/logger.ts';

const BIN = resolve('bin/snapcopy.js');

let slack: SlackStandIn | undefined;
let cloud: AlibabaStandIn | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([slack?.close(), cloud?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  slack = cloud = child = dir = undefined;
});

function runBot(env: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'snapcopy-bot-'));
  const spawned = spawn(process.execPath, [BIN, 'bot'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = spawned;
  let stderr = '';
  spawned.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => spawned.once('exit', (code) => done(code)));
  const output = () => stderr;
  const waitForLine = async (pattern: RegExp) => {
    for (let i = 0; i < 600 && !pattern.test(stderr); i++) {
      if (spawned.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const line = stderr.split('\n').find((l) => pattern.test(l));
    if (!line) throw new Error(`no line matching ${pattern} in:\n${stderr}`);
    return line;
  };
  return { exited, output, waitForLine, process: spawned };
}

describe('snapcopy bot', () => {
  it('names every missing setting and exits with 1', async () => {
    const bot = runBot({});
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('SLACK_BOT_TOKEN is missing');
    expect(bot.output()).toContain('SNAPCOPY_APPROVALS_CHANNEL is missing');
  });

  it('serves Slack from its environment and stops cleanly on SIGTERM', async () => {
    slack = await startSlackStandIn({
      logger: createLogger('stand-in', { level: 'error', write: () => undefined }),
    });
    cloud = await startAlibabaStandIn();
    const bot = runBot({
      ...standInEnvironment(slack, cloud),
      SNAPCOPY_APPROVERS: ids.approver,
      SNAPCOPY_APPROVALS_CHANNEL: ids.approvalsChannel,
      SNAPCOPY_STORE_URL: 'sqlite:./store.sqlite',
    });
    const listening = JSON.parse(await bot.waitForLine(/snapcopy is listening/)) as { eventsUrl: string };
    slack.setEventsUrl(listening.eventsUrl);
    const reply = await slack.driver.slashCommand({
      userId: ids.requester,
      channelId: ids.opsChannel,
      text: 'help',
    });
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).toContain('/snapcopy list');

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('"signal":"SIGTERM"');
    for (const secret of [LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, cloud.credentials.accessKeySecret]) {
      expect(bot.output()).not.toContain(secret);
    }
  });
});
