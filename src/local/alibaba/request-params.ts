/**
 * Typed reads of the flat request parameters (reference §2.6), each failing with the code the real
 * service uses, so a malformed request always gets an answer and never an exception.
 */
import { type ApiError, invalidParameter, missingParameter } from './api-error.ts';

/** Longer than any value the real APIs accept; stops a pathological value before any handler sees it. */
const DEFAULT_MAX_LENGTH = 1024;

export interface IndexedEntry {
  index: number;
  fields: Map<string, string>;
}

export class RequestParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  entries(): [string, string][] {
    return [...this.values.entries()];
  }

  string(name: string, maxLength = DEFAULT_MAX_LENGTH): string | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === '') return undefined;
    if (value.length > maxLength) throw invalidParameter(name, `is longer than ${maxLength} characters`);
    return value;
  }

  required(name: string, maxLength = DEFAULT_MAX_LENGTH): string {
    const value = this.string(name, maxLength);
    if (value === undefined) throw missingParameter(name);
    return value;
  }

  integer(
    name: string,
    range: { min: number; max: number },
    onInvalid = () => invalidParameter(name),
  ): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d{1,12}$/.test(raw)) throw onInvalid();
    const value = Number(raw);
    if (value < range.min || value > range.max) throw onInvalid();
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw invalidParameter(name, 'must be true or false');
    return lower === 'true';
  }

  /** A parameter that carries a JSON array of IDs as a string, such as `SnapshotIds` (reference §2.6). */
  jsonIdList(name: string, limit: number, malformed: ApiError): string[] | undefined {
    const raw = this.values.get(name);
    if (raw === undefined || raw === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw malformed;
    }
    if (!Array.isArray(parsed) || parsed.length > limit) throw malformed;
    if (!parsed.every((id): id is string => typeof id === 'string' && id.length <= 128)) throw malformed;
    return parsed;
  }

  /** `Prefix.N.Field` parameters grouped by N, in ascending N (e.g. `Tag.1.Key`, `Tag.1.Value`). */
  indexed(prefix: string): IndexedEntry[] {
    const groups = new Map<number, Map<string, string>>();
    const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,6})\\.(\\w+)$`);
    for (const [name, value] of this.values) {
      const match = pattern.exec(name);
      if (!match?.[1] || !match[2]) continue;
      const index = Number(match[1]);
      const fields = groups.get(index) ?? new Map<string, string>();
      fields.set(match[2], value);
      groups.set(index, fields);
    }
    return [...groups.entries()].sort(([a], [b]) => a - b).map(([index, fields]) => ({ index, fields }));
  }
}
