/**
 * The Alibaba SDKs are CommonJS with `exports.default = Client`. Node's ESM loader hands over the
 * whole exports object as the default import (the class is then at `.default`), while Vitest's
 * interop unwraps it to the class itself. Accepting both keeps tests on the same code path.
 */
export function commonJsDefault<T>(imported: { default: T }): T {
  const unwrapped = (imported as { default?: T }).default;
  return unwrapped ?? (imported as unknown as T);
}
