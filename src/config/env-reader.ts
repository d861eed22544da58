/**
 * Reads settings one by one and collects what is wrong instead of stopping at the first problem.
 * Secret values are never repeated in a problem line; other values are, to help spot typos.
 */
import { parseDuration } from './duration.ts';
import type { Environment } from './env-file.ts';

interface TextOptions {
  /** Shown when the value is missing: what the setting is and where to find it. */
  help?: string;
  pattern?: RegExp;
  /** Said when the pattern does not match, e.g. "must start with xoxb-". */
  expected?: string;
  secret?: boolean;
}

export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  optional(name: string, options: TextOptions = {}): string | undefined {
    const value = this.env[name]?.trim();
    if (!value) return undefined;
    if (options.pattern && !options.pattern.test(value)) {
      this.problems.push(
        `${name} ${this.shown(value, options)}${options.expected ?? 'has the wrong format'}`,
      );
      return undefined;
    }
    return value;
  }

  required(name: string, options: TextOptions = {}): string {
    const value = this.optional(name, options);
    if (value === undefined && !this.env[name]?.trim()) {
      this.problems.push(`${name} is missing${options.help ? `: ${options.help}` : ''}`);
    }
    return value ?? '';
  }

  integer(name: string, fallback: number, range: { min: number; max: number }): number {
    const text = this.optional(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problems.push(`${name} '${text}' must be a whole number from ${range.min} to ${range.max}`);
      return fallback;
    }
    return value;
  }

  duration(name: string, fallbackMs: number): number {
    const text = this.optional(name);
    if (text === undefined) return fallbackMs;
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.problems.push(`${name} '${text}' must be a duration such as 90m, 24h or 2d`);
      return fallbackMs;
    }
    return ms;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const text = this.optional(name);
    if (text === undefined) return fallback;
    if (!(values as readonly string[]).includes(text)) {
      this.problems.push(`${name} '${text}' must be one of ${values.join(', ')}`);
      return fallback;
    }
    return text as T;
  }

  /** Comma-separated list; each item must match the pattern. */
  list(name: string, pattern: RegExp, expected: string): string[] {
    const text = this.optional(name);
    if (text === undefined) return [];
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const bad = items.filter((item) => !pattern.test(item));
    if (bad.length > 0) this.problems.push(`${name} has ${bad.map((b) => `'${b}'`).join(', ')}: ${expected}`);
    return items.filter((item) => pattern.test(item));
  }

  private shown(value: string, options: TextOptions): string {
    return options.secret ? '' : `'${value}' `;
  }
}
