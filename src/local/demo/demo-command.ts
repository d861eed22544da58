/**
 * `snapcopy demo`: starts everything (see start-demo.ts), prints the playground's URL and runs
 * until Ctrl-C or SIGTERM, then closes the bot, the stand-ins and the store.
 */
import { DEMO_USAGE, type DemoArguments, DemoUsageError, parseDemoArguments } from './demo-arguments.ts';
import { type Demo, DemoPortInUseError, startDemo } from './start-demo.ts';

function argumentsOrUsage(argv: string[]): DemoArguments | undefined {
  try {
    return parseDemoArguments(argv);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    console.error(`${error.message}\n\n${DEMO_USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
}

async function startOrExplain(args: DemoArguments): Promise<Demo | undefined> {
  try {
    return await startDemo({
      port: args.port,
      host: args.host,
      speed: args.speed,
      rateLimits: args.rateLimits,
      socketMode: args.socketMode,
    });
  } catch (error) {
    if (!(error instanceof DemoPortInUseError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return undefined;
  }
}

function untilStopped(demo: Demo): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      demo.close().then(resolve, (error: unknown) => {
        console.error(
          `the demo did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function run(argv: string[]): Promise<void> {
  const args = argumentsOrUsage(argv);
  if (!args) return;
  if (args.help) {
    console.log(DEMO_USAGE);
    return;
  }
  const demo = await startOrExplain(args);
  if (!demo) return;
  console.log(`snapcopy playground: ${demo.url}  (Ctrl-C stops it)`);
  await untilStopped(demo);
}
