/**
 * Bolt and the WebClient log through our logger, so their lines are JSON like ours and pass the
 * same secret masking (Bolt's own console logger would print whatever it is given).
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { LogFields, Logger } from '../observability/logger.ts';

export function boltLogger(logger: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  const rank = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
  const emit =
    (at: LogLevel, write: (message: string, fields?: LogFields) => void) =>
    (...parts: unknown[]) => {
      if (rank[at] < rank[current]) return;
      const errors = parts.filter((part) => part instanceof Error);
      const text = parts
        .filter((part) => !(part instanceof Error))
        .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
        .join(' ');
      write(text || (errors[0]?.message ?? ''), errors.length > 0 ? { error: errors[0] } : undefined);
    };
  return {
    debug: emit(LogLevel.DEBUG, (message, fields) => logger.debug(message, fields)),
    info: emit(LogLevel.INFO, (message, fields) => logger.info(message, fields)),
    warn: emit(LogLevel.WARN, (message, fields) => logger.warn(message, fields)),
    error: emit(LogLevel.ERROR, (message, fields) => logger.error(message, fields)),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: () => undefined,
  };
}
