/**
 * Bolt's built-in single-token mode either calls auth.test in its constructor (an unreachable
 * Slack then crashes the process with an unhandled rejection) or, with verification off, calls
 * it on every request. This authorize asks once, caches the answer, asks again only after a
 * failure, and never fails a request because of it: the bot token works without its own IDs.
 */
import type { Authorize, webApi } from '@slack/bolt';
import type { Logger } from '../observability/logger.ts';

interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

export function singleWorkspaceAuthorize(
  client: Pick<webApi.WebClient, 'auth'>,
  botToken: string,
  logger: Logger,
): Authorize<boolean> {
  let identity: Promise<BotIdentity> | undefined;
  const lookUp = async (): Promise<BotIdentity> => {
    try {
      const result = await client.auth.test();
      return { botId: result.bot_id, botUserId: result.user_id };
    } catch (error) {
      logger.warn('auth.test failed; will ask again on the next request', { error });
      identity = undefined;
      return {};
    }
  };
  return async () => {
    identity ??= lookUp();
    const { botId, botUserId } = await identity;
    return { botToken, ...(botId ? { botId } : {}), ...(botUserId ? { botUserId } : {}) };
  };
}
