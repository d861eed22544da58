/**
 * `snapcopy cloud`: runs the stand-in on a fixed port for the local demo and manual SDK calls.
 */
import { parseArgs } from 'node:util';
import { type AlibabaStandIn, startAlibabaStandIn } from './index.ts';

const USAGE = 'usage: snapcopy cloud [--port 8787] [--host 127.0.0.1] [--world file.json] [--speed 1]';

interface CloudOptions {
  port: number;
  host: string;
  worldFile?: string;
  clockSpeed: number;
}

export async function run(argv: string[]): Promise<void> {
  let options: CloudOptions;
  try {
    options = readOptions(argv);
  } catch (error) {
    console.error(`snapcopy cloud: ${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let standIn: AlibabaStandIn;
  try {
    standIn = await startAlibabaStandIn(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `snapcopy cloud: port ${options.port} is already in use; pick another with --port`
        : `snapcopy cloud: ${(error as Error).message}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(
    [
      `Alibaba Cloud stand-in (ECS 2014-05-26 + KMS 2016-01-20) listening on ${standIn.url}`,
      `  endpoint          ${standIn.endpoint}   (SDK Config: endpoint, protocol "http")`,
      `  AccessKey ID      ${standIn.credentials.accessKeyId}`,
      // A fixed local value that opens nothing but this stand-in, printed so it can be copied.
      `  AccessKey secret  ${standIn.credentials.accessKeySecret}`,
      `  KMS region        set userAgent "snapcopy region/<regionId>" (default ${standIn.world.regions()[0]?.regionId})`,
      `  clock speed       ${standIn.clock.speed}x   admin: ${standIn.url}/_standin/state`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await standIn.close();
  console.log('stand-in stopped');
}

function readOptions(argv: string[]): CloudOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      world: { type: 'string' },
      speed: { type: 'string', default: '1' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not "${values.port}"`);
  const clockSpeed = Number(values.speed);
  if (!Number.isFinite(clockSpeed) || clockSpeed < 0)
    throw new Error(`--speed must be a number ≥ 0, not "${values.speed}"`);
  return { port, host: values.host, worldFile: values.world, clockSpeed };
}
