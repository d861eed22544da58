/**
 * Arguments of a Web API call. WebClient sends form fields (nested objects as JSON strings,
 * booleans and numbers as strings); JSON bodies carry real types. Both read the same here.
 */
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { SlackApiError } from './slack-api-error.ts';

export class MethodArgs {
  constructor(readonly raw: Record<string, unknown>) {}

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  }

  required(name: string, error = 'invalid_arguments'): string {
    const value = this.string(name);
    if (value === undefined) throw new SlackApiError(error);
    return value;
  }

  boolean(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  number(name: string, fallback: number): number {
    const value = Number(this.raw[name]);
    return this.raw[name] === undefined || Number.isNaN(value) ? fallback : value;
  }

  /** A nested argument, decoded when it arrived as a JSON string. */
  json(name: string, error = 'invalid_arguments'): unknown {
    const value = this.raw[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new SlackApiError(error);
    }
  }

  object(name: string, error = 'invalid_arguments'): JsonObject | undefined {
    const value = this.json(name, error);
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) throw new SlackApiError(error);
    return value;
  }
}
