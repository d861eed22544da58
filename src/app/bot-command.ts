/** `snapcopy bot`: reads the configuration (env and .env), starts the bot, stops it on SIGINT/SIGTERM. */
import { loadConfig } from '../config/bot-config.ts';
import { ConfigError } from '../config/config-error.ts';
import { withEnvFile } from '../config/env-file.ts';
import { createLogger } from '../observability/logger.ts';
import { createBot } from './create-bot.ts';

const USAGE = `usage: snapcopy bot

Runs the Slack bot. Settings come from the environment and from ./.env if present;
see .env.example for every setting.`;

export async function run(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  if (argv.length > 0) {
    console.error(`unknown argument ${argv[0]}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(withEnvFile(process.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger('snapcopy', { level: config.logLevel });
  const bot = createBot(config, { logger });
  try {
    await bot.start();
  } catch (error) {
    logger.error('snapcopy could not start', { error });
    process.exitCode = 1;
    return;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      logger.info('stopping', { signal });
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      void bot.stop().finally(resolve);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}
