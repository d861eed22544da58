/** users.info and the user group methods the approver directory reads. */
import type { JsonObject } from '../json-values.ts';
import type { SlackState } from '../slack-state.ts';
import type { SlackWorldUser } from '../world.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { MethodTable } from './web-api-method.ts';

function userObject(user: SlackWorldUser, state: SlackState): JsonObject {
  const { world } = state;
  return {
    id: user.id,
    team_id: world.team.id,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: user.tz ?? 'UTC',
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot === true,
    is_app_user: false,
    updated: Math.floor(state.startedAt / 1000),
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.name,
      display_name_normalized: user.name,
      team: world.team.id,
      ...(user.isBot ? { bot_id: world.bot.botId } : {}),
    },
  };
}

function requirePaidPlan(state: SlackState): void {
  if (state.world.plan === 'free') throw new SlackApiError('plan_upgrade_required');
}

export const userMethods: MethodTable = {
  'users.info': (args, state) => {
    const user = state.directory.user(args.required('user', 'user_not_found'));
    if (!user) throw new SlackApiError('user_not_found');
    return { user: userObject(user, state) };
  },

  'usergroups.users.list': (args, state) => {
    requirePaidPlan(state);
    const group = state.directory.userGroup(args.required('usergroup', 'no_such_subteam'));
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },

  'usergroups.list': (args, state) => {
    requirePaidPlan(state);
    const withUsers = args.boolean('include_users');
    return {
      usergroups: state.world.userGroups.map((group) => ({
        id: group.id,
        team_id: state.world.team.id,
        is_usergroup: true,
        handle: group.handle,
        name: group.name,
        user_count: group.users.length,
        ...(withUsers ? { users: [...group.users] } : {}),
      })),
    };
  },
};
