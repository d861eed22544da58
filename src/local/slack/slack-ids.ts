/** Identifiers in Slack's formats: message `ts` unique and increasing, view IDs, hashes, triggers. */
import { randomBytes } from 'node:crypto';

export type Clock = () => number;

export interface SlackIds {
  /** `"<seconds>.<microseconds>"`, strictly increasing even within one millisecond. */
  nextTs(): string;
  viewId(): string;
  viewHash(): string;
  triggerId(): string;
  directMessageId(): string;
  blockId(): string;
  actionId(): string;
}

export function createSlackIds(clock: Clock): SlackIds {
  let lastMicros = 0;
  let counter = 0;
  const sequence = (prefix: string, width: number) =>
    `${prefix}${(++counter).toString(36).toUpperCase().padStart(width, '0')}`;
  const seconds = () => Math.floor(clock() / 1000);
  const random = (bytes: number) => randomBytes(bytes).toString('hex');
  return {
    nextTs() {
      lastMicros = Math.max(clock() * 1000, lastMicros + 1);
      const whole = Math.floor(lastMicros / 1_000_000);
      return `${whole}.${String(lastMicros % 1_000_000).padStart(6, '0')}`;
    },
    viewId: () => sequence('V0', 8),
    viewHash: () => `${seconds()}.${random(4)}`,
    triggerId: () => `${seconds()}.${Math.floor(Math.random() * 1e6)}.${random(16)}`,
    directMessageId: () => sequence('D0', 8),
    // Slack fills in missing block and action IDs with short random strings.
    blockId: () => random(3),
    actionId: () => random(3),
  };
}
