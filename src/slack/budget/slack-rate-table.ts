/**
 * How often Slack lets one app call each Web API method, per workspace. Source: Slack's rate
 * limit page (api.slack.com/docs/rate-limits: Tier 2 20+/min, Tier 3 50+/min,
 * Tier 4 100+/min, each per method per workspace; chat.postMessage "special": about one message
 * per second per channel, with short bursts, and several hundred per minute per workspace) and
 * each method's own page for its tier. The "+" is Slack's burst tolerance; the budget spends only
 * the floor, evenly, because every app in the workspace shares what is left.
 */

export interface MethodRate {
  /** Calls allowed per minute in the scope. */
  perMinute: number;
  /** `channel`: the allowance is per channel (chat.postMessage); `workspace`: one for the method. */
  scope: 'workspace' | 'channel';
}

const TIER_2: MethodRate = { perMinute: 20, scope: 'workspace' };
const TIER_3: MethodRate = { perMinute: 50, scope: 'workspace' };
const TIER_4: MethodRate = { perMinute: 100, scope: 'workspace' };

export const SLACK_RATE_TABLE: Readonly<Record<string, MethodRate>> = {
  'chat.postMessage': { perMinute: 60, scope: 'channel' },
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
  'auth.test': TIER_4,
};

/** A method missing from the table is held to Tier 2, the tier most Web API methods are in. */
export const UNLISTED_METHOD_RATE: MethodRate = TIER_2;

/**
 * chat.postMessage's workspace-wide ceiling across all channels ("several hundred per minute"):
 * the budget keeps to the low end so one busy channel never starves the rest of the workspace.
 */
export const POST_MESSAGE_WORKSPACE_RATE: MethodRate = { perMinute: 300, scope: 'workspace' };
