/** `snapcopy demo [--port 8080] [--speed 2] [--host 127.0.0.1] [--no-rate-limits] [--socket-mode]`, read into checked values. */
import { parseArgs } from 'node:util';

export interface DemoArguments {
  port: number;
  host: string;
  /**
   * Simulated cloud seconds per real second. The stand-in copies 60 GiB per simulated minute, so at 2
   * a first copy of a 40 GiB disk takes 20 s: long enough to watch, short enough to wait for.
   */
  speed: number;
  /** Slack's published rate limits in the Slack stand-in (default on, as in a real workspace). */
  rateLimits: boolean;
  /** The bot connects over Socket Mode (its app token) instead of serving /slack/events. */
  socketMode: boolean;
  help: boolean;
}

export const DEMO_USAGE = [
  'usage: snapcopy demo [--port 8080] [--speed 2] [--host 127.0.0.1] [--no-rate-limits] [--socket-mode]',
  '',
  'Runs the Alibaba Cloud and Slack stand-ins and the real bot wired to both, and serves the',
  'playground (a small Slack in the browser) at http://<host>:<port>/.',
  '  --port   port of the playground (default 8080)',
  '  --speed  how much faster than real time the simulated cloud runs (default 2; the playground can change it)',
  '  --host   address to listen on (default 127.0.0.1; the demo has no authentication)',
  "  --no-rate-limits  let the Slack stand-in answer every call (default: Slack's published limits, 429 past them)",
  '  --socket-mode     the bot opens a Socket Mode connection to the Slack stand-in (default: HTTP, signed requests to it)',
].join('\n');

export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8080' },
        speed: { type: 'string', default: '2' },
        host: { type: 'string', default: '127.0.0.1' },
        'no-rate-limits': { type: 'boolean', default: false },
        'socket-mode': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new DemoUsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseDemoArguments(argv: string[]): DemoArguments {
  const values = readOptions(argv);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DemoUsageError(`--port must be a whole number from 0 to 65535, got '${values.port}'`);
  }
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000) {
    throw new DemoUsageError(`--speed must be a number above 0 (at most 100000), got '${values.speed}'`);
  }
  return {
    port,
    speed,
    host: values.host,
    rateLimits: !values['no-rate-limits'],
    socketMode: values['socket-mode'],
    help: values.help,
  };
}
