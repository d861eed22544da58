import type { MethodTable } from './web-api-method.ts';

export const authMethods: MethodTable = {
  'auth.test': (_args, { world }) => ({
    url: `https://${world.team.domain}.slack.com/`,
    team: world.team.name,
    user: world.bot.name,
    team_id: world.team.id,
    user_id: world.bot.userId,
    bot_id: world.bot.botId,
    is_enterprise_install: false,
  }),
};
