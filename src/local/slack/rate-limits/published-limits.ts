/**
 * Slack's published Web API rate limits, as the stand-in enforces them. Source: Slack's rate limit
 * page (api.slack.com/docs/rate-limits) and each method's page: Tier 2 20+/min, Tier 3 50+/min,
 * Tier 4 100+/min per method per workspace; chat.postMessage about 1 message per second per
 * channel with short bursts, and several hundred per minute per workspace. Slack does not
 * publish its burst tolerance (the "+"); the stand-in allows ten seconds' worth of a tier's rate
 * at once, and three messages at once in a channel.
 */

export interface Allowance {
  perMinute: number;
  /** Calls that may come at once before the rate applies. */
  burst: number;
}

const tier = (perMinute: number): Allowance => ({ perMinute, burst: Math.max(1, Math.floor(perMinute / 6)) });

const TIER_2 = tier(20);
const TIER_3 = tier(50);
const TIER_4 = tier(100);

/** Per method, shared by the whole workspace. */
export const METHOD_LIMITS: Readonly<Record<string, Allowance>> = {
  'chat.postEphemeral': TIER_4,
  'chat.update': TIER_3,
  'chat.delete': TIER_3,
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'conversations.open': TIER_3,
  'conversations.info': TIER_3,
  'views.open': TIER_4,
  'views.push': TIER_4,
  'views.update': TIER_4,
  'views.publish': TIER_4,
  'users.info': TIER_4,
  'usergroups.list': TIER_2,
  'usergroups.users.list': TIER_2,
  'apps.connections.open': TIER_2,
  // auth.test is "special" and generous; the stand-in holds it to Tier 4.
  'auth.test': TIER_4,
};

/** chat.postMessage in one channel. */
export const POST_MESSAGE_PER_CHANNEL: Allowance = { perMinute: 60, burst: 3 };
/** chat.postMessage across the workspace ("several hundred per minute"). */
export const POST_MESSAGE_PER_WORKSPACE: Allowance = { perMinute: 600, burst: 100 };
