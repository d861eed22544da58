/** Slack speaks loosely typed JSON; these narrow it without casting at every use. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function stringIn(value: unknown, key: string): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** The `text` of a composition text object (`{ type: 'plain_text', text }`). */
export function textOf(value: unknown): string | undefined {
  return stringIn(value, 'text');
}

/** State handed out to callers is a copy, so nobody can change the stand-in behind its back. */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}
