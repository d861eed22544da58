/**
 * One JSON line per event on stderr. Every configured secret is registered here and masked in
 * whatever is written, so a token that slips into an error message still never reaches a log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(component: string): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secrets = new Set<string>();

/** Values shorter than this are too likely to occur in ordinary text to be masked safely. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[REDACTED]');
  return result;
}

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
}

export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const threshold =
    LEVELS[options.level ?? ((process.env.SNAPCOPY_LOG_LEVEL as LogLevel | undefined) || 'info')];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;
    const entry = { time: new Date().toISOString(), level, component, message, ...fields };
    write(redact(JSON.stringify(entry, errorReplacer)));
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (name) => createLogger(`${component}.${name}`, options),
  };
}

/** Errors serialise to {} by default; keep their name, code and message (masked on write). */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const { name, message } = value;
    const code = (value as { code?: unknown }).code;
    return { name, message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}
