/** Where a crash run kills the bot, and the record of each kill. */
import type { SeededRandom } from './seeded-random.ts';

/**
 * copySnapshot / deleteSnapshot / polling: when the cloud stand-in receives or has just answered
 * CopySnapshot, DeleteSnapshot or a progress DescribeSnapshots; slackPost: right after the Slack
 * stand-in accepted a chat.postMessage or chat.update; submission: right after the request modal
 * closed on submit; awaitingApproval: while a request waits for a decision; random: any time;
 * expiryWhileDown: while a request awaits approval, staying down until its deadline has passed.
 */
export type KillPoint =
  | 'copySnapshot'
  | 'deleteSnapshot'
  | 'polling'
  | 'slackPost'
  | 'submission'
  | 'awaitingApproval'
  | 'random'
  | 'expiryWhileDown';

export const EVENT_KILL_POINTS: readonly KillPoint[] = [
  'copySnapshot',
  'deleteSnapshot',
  'polling',
  'slackPost',
  'submission',
  'awaitingApproval',
  'random',
];

export interface KillRecord {
  /** 1-based. */
  n: number;
  point: KillPoint;
  /** What exactly was happening, e.g. `CopySnapshot answered (ClientToken copy-…)`. */
  detail: string;
  /** Ms since the run started. */
  at: number;
  /** The bot generation that was killed. */
  generation: number;
  downtimeMs: number;
  /** The planned point did not come up in time; the bot was killed at a random moment instead. */
  fallback: boolean;
  /** The request an expiryWhileDown kill waited for. */
  requestId?: string;
}

/**
 * `count` kills at `eventPoints`: each of them once when there is room, then random ones; plus one
 * expiryWhileDown when asked for (it needs a request that must expire).
 */
export function planKills(
  random: SeededRandom,
  count: number,
  eventPoints: readonly KillPoint[],
  withExpiry: boolean,
): KillPoint[] {
  const points: KillPoint[] = [];
  for (let i = 0; i < count; i++) {
    points.push(i < eventPoints.length ? eventPoints[i]! : random.pick(eventPoints));
  }
  if (withExpiry) points.push('expiryWhileDown');
  return random.shuffle(points);
}
