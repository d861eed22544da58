/** Durations in settings are written the way people say them: `24h`, `90m`, `30s`, `2d`, `500ms`. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or undefined when the text is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/i.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = UNIT_MS[match[2]!.toLowerCase()]!;
  const ms = Math.round(amount * unit);
  return ms > 0 ? ms : undefined;
}
