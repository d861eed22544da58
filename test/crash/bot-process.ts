/**
 * The real bot as a child process (`node bin/snapcopy.js bot`, HTTP mode), so a crash is a real
 * SIGKILL: no `finally`, no flush, no graceful close. Each start is a new generation; the events
 * URL is read from the bot's own "listening" log line because it listens on port 0.
 *
 * Loading the bot's modules (the ECS SDK and Bolt above all) takes several seconds on a loaded
 * machine, which would make a run with a dozen restarts far too slow. So the next generation is
 * spawned ahead as a warm standby: a module given to `--import` imports the bot's modules and then
 * waits for a line on stdin before `bin/snapcopy.js` runs. Released, it starts the bot exactly as
 * `node bin/snapcopy.js bot` does; the modules it needs are simply loaded already.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const BOT_BIN = join(REPO_ROOT, 'bin', 'snapcopy.js');
const TAIL_LINES = 60;
/** How long a generation may take to stop after SIGTERM (Kubernetes' default grace period is 30 s). */
const STOP_LIMIT_MS = 20_000;

export type StopSignal = 'SIGKILL' | 'SIGTERM';
/** Generous: a standby that is still loading when it is released finishes loading first. */
const START_TIMEOUT_MS = 60_000;

/** The --import module of a standby (a data: URL, so it needs no file of its own). */
const WARM_START = [
  `await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'dist', 'app', 'bot-command.js')).href)});`,
  "await new Promise((resolve) => process.stdin.once('data', resolve));",
  'process.stdin.destroy();',
].join('\n');
const WARM_START_URL = `data:text/javascript;base64,${Buffer.from(WARM_START).toString('base64')}`;

export interface BotProcessOptions {
  /** Everything the bot reads; nothing is inherited from the test's environment but PATH, HOME and TMPDIR. */
  env: Record<string, string>;
  /** Working directory, so no developer `.env` is picked up. */
  cwd: string;
  /** Every log line of every generation goes here. */
  logFile: string;
}

/** start() was cut short by kill(): the generation died while it was starting, as planned. */
export class KilledWhileStarting extends Error {
  constructor(generation: number) {
    super(`bot generation ${generation} was killed while starting`);
    this.name = 'KilledWhileStarting';
  }
}

export class BotProcess {
  private child: ChildProcess | undefined;
  private standby: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  private readonly log: WriteStream;
  private closed = false;
  /** Generations ended by kill() or stop(); any other exit is the bot dying by itself. */
  private readonly ended = new WeakSet<ChildProcess>();
  /** How many times the bot was started. */
  generation = 0;
  /** Listening for Slack. */
  up = false;
  /** Exits nobody asked for: the bot died by itself (a crash of the product, not of the harness). */
  readonly unexpectedExits: string[] = [];

  /** Every child not known to have exited; killed if this process exits without close(). */
  private readonly alive = new Set<ChildProcess>();
  private readonly killAlive = () => {
    for (const child of this.alive) child.kill('SIGKILL');
  };

  constructor(private readonly options: BotProcessOptions) {
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    process.once('exit', this.killAlive);
  }

  /** A generation is alive, starting or listening. */
  get running(): boolean {
    return this.child !== undefined;
  }

  /**
   * Starts a new generation and resolves with its Slack events URL once it listens; rejects with
   * KilledWhileStarting when kill() came first. The generation is running as soon as this returns.
   */
  async start(): Promise<string> {
    if (this.child) throw new Error('the bot is already running');
    if (this.closed) throw new Error('the bot process is closed');
    const waiting = this.standby;
    this.standby = undefined;
    const child =
      waiting && waiting.exitCode === null && waiting.signalCode === null ? waiting : this.spawnStandby();
    const generation = ++this.generation;
    this.child = child;
    const exit = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`${signal ?? code}`)),
    );
    this.exited = exit.then((how) => {
      if (this.ended.has(child)) return;
      this.child = undefined;
      this.up = false;
      this.unexpectedExits.push(`generation ${generation} exited with ${how}`);
    });
    const eventsUrl = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bot generation ${generation} did not listen within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      void exit.then((how) => {
        clearTimeout(timer);
        reject(
          this.ended.has(child)
            ? new KilledWhileStarting(generation)
            : new Error(`bot generation ${generation} exited before listening (${how})`),
        );
      });
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          this.note(`[${generation}] ${line}`);
          const url = listeningUrl(line);
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
      }
    });
    child.stdin!.end('start\n');
    try {
      const url = await eventsUrl;
      if (this.ended.has(child)) throw new KilledWhileStarting(generation);
      this.up = true;
      return url;
    } finally {
      if (!this.standby && !this.closed) this.standby = this.spawnStandby();
    }
  }

  /**
   * Sent synchronously, so a caller reacting to a stand-in event kills before replying. SIGTERM
   * lets the generation shut down as it would under an orchestrator; one that has not exited
   * STOP_LIMIT_MS later is killed and counted among the exits nobody asked for.
   */
  kill(signal: StopSignal = 'SIGKILL'): void {
    const child = this.child;
    if (!child) return;
    this.ended.add(child);
    this.up = false;
    this.child = undefined;
    child.kill(signal);
    if (signal === 'SIGKILL') return;
    const generation = this.generation;
    const limit = setTimeout(() => {
      this.unexpectedExits.push(
        `generation ${generation} did not stop within ${STOP_LIMIT_MS} ms of ${signal}`,
      );
      child.kill('SIGKILL');
    }, STOP_LIMIT_MS);
    child.once('exit', (code, how) => {
      if (code !== 0 && how !== 'SIGKILL') {
        this.unexpectedExits.push(`generation ${generation} exited with ${how ?? code} after ${signal}`);
      }
      clearTimeout(limit);
    });
  }

  /** Resolves once the last killed or stopped generation has really gone. */
  gone(): Promise<void> {
    return this.exited;
  }

  /** A clean stop (SIGTERM), as an operator would do; killed when it does not stop in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return this.exited;
    this.ended.add(child);
    this.up = false;
    this.child = undefined;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(): string[] {
    return [...this.tail];
  }

  async close(): Promise<void> {
    this.closed = true;
    const standby = this.standby;
    this.standby = undefined;
    if (standby && standby.exitCode === null && standby.signalCode === null) {
      const standbyGone = new Promise((resolve) => standby.once('exit', resolve));
      standby.kill('SIGKILL');
      await standbyGone;
    }
    this.kill();
    await this.exited;
    process.off('exit', this.killAlive);
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private spawnStandby(): ChildProcess {
    const child = spawn(process.execPath, ['--import', WARM_START_URL, BOT_BIN, 'bot'], {
      cwd: this.options.cwd,
      env: { ...inheritedEnv(), ...this.options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A standby that died while loading cannot take its start line; start() replaces it.
    child.stdin.on('error', () => undefined);
    this.alive.add(child);
    child.once('exit', () => this.alive.delete(child));
    return child;
  }

  private note(line: string): void {
    this.log.write(`${line}\n`);
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}

function inheritedEnv(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

function listeningUrl(line: string): string | undefined {
  if (!line.includes('snapcopy is listening')) return undefined;
  try {
    const entry = JSON.parse(line) as { eventsUrl?: unknown };
    return typeof entry.eventsUrl === 'string' ? entry.eventsUrl : undefined;
  } catch {
    return undefined;
  }
}
